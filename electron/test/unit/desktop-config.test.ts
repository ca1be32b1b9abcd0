import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DesktopConfigError, coreServeArgs, readDesktopConfig } from '../../main/desktop-config.js';

describe('readDesktopConfig', () => {
  it('keeps Electron’s userData and an OS-chosen HTTP port by default', () => {
    expect(readDesktopConfig({}, '/home/grower')).toEqual({
      userDataDir: null,
      fixedHttpPort: false,
    });
  });

  it('honours HYDRO_USER_DATA_DIR, resolving a relative path', () => {
    expect(readDesktopConfig({ HYDRO_USER_DATA_DIR: '/tmp/run-1' }, '/x').userDataDir).toBe(
      '/tmp/run-1',
    );
    expect(readDesktopConfig({ HYDRO_USER_DATA_DIR: 'runs/a' }, '/home/grower').userDataDir).toBe(
      resolve('/home/grower', 'runs/a'),
    );
  });

  it('rejects a userData dir with stray spaces with a message naming the variable', () => {
    expect(() => readDesktopConfig({ HYDRO_USER_DATA_DIR: ' /tmp/x' })).toThrow(DesktopConfigError);
    expect(() => readDesktopConfig({ HYDRO_USER_DATA_DIR: '/tmp/x ' })).toThrow(
      /HYDRO_USER_DATA_DIR/,
    );
  });

  it('notices a fixed HTTP port', () => {
    expect(readDesktopConfig({ HYDRO_HTTP_PORT: '8080' }).fixedHttpPort).toBe(true);
    expect(readDesktopConfig({ HYDRO_HTTP_PORT: '' }).fixedHttpPort).toBe(false);
  });
});

describe('coreServeArgs', () => {
  it('asks for any free HTTP port and leaves the MQTT port to the core’s own config', () => {
    expect(coreServeArgs({ userDataDir: null, fixedHttpPort: false }, '/data')).toEqual([
      'serve',
      '--data-dir',
      '/data',
      '--http-port',
      '0',
    ]);
  });

  it('lets the core read a fixed HTTP port from HYDRO_HTTP_PORT itself', () => {
    expect(coreServeArgs({ userDataDir: null, fixedHttpPort: true }, '/data')).toEqual([
      'serve',
      '--data-dir',
      '/data',
    ]);
  });
});
