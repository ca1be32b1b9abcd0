import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';
import { ConfigError } from '../../../src/runtime/errors.js';

const load = (env: Record<string, string>, file?: string) =>
  loadConfig({
    env: { HYDRO_DATA_DIR: '/srv/hydro', ...env },
    flags: {},
    readFile: () => file,
  });

describe('access settings', () => {
  it('keeps HTTP on loopback unless LAN access is on; an explicit bind wins', () => {
    expect(load({}).http).toEqual({ port: 8080, bind: '127.0.0.1' });
    expect(load({ HYDRO_LAN_ACCESS: 'true' }).http).toMatchObject({ bind: '0.0.0.0', lan: true });
    expect(load({}, '{"http":{"lan":true}}').http.bind).toBe('0.0.0.0');
    expect(load({ HYDRO_LAN_ACCESS: '1', HYDRO_BIND: '192.168.1.9' }).http.bind).toBe(
      '192.168.1.9',
    );
    expect(load({ HYDRO_LAN_ACCESS: 'false' }).http).toMatchObject({
      bind: '127.0.0.1',
      lan: false,
    });
    expect(() => load({ HYDRO_LAN_ACCESS: 'yes' })).toThrow(ConfigError);
  });

  it('reads allowed host names from config.json or a comma-separated variable', () => {
    expect(load({ HYDRO_ALLOWED_HOSTS: 'hydro.lan, farm.local' }).http.allowedHosts).toEqual([
      'hydro.lan',
      'farm.local',
    ]);
    expect(load({}, '{"http":{"allowedHosts":["hydro.lan"]}}').http.allowedHosts).toEqual([
      'hydro.lan',
    ]);
    expect(() => load({ HYDRO_ALLOWED_HOSTS: 'bad host/' })).toThrow(/HYDRO_ALLOWED_HOSTS/);
  });

  it('takes the first admin from the environment, with a default email', () => {
    expect(load({ HYDRO_ADMIN_PASSWORD: 'long-enough' })).toMatchObject({
      adminEmail: 'admin@localhost',
      adminPassword: 'long-enough',
    });
    expect(() => load({ HYDRO_ADMIN_PASSWORD: 'short' })).toThrow(/at least 8/);
    expect(() => load({ HYDRO_ADMIN_EMAIL: 'nope' })).toThrow(/email/);
    // Secrets never come from config.json.
    expect(() => load({}, '{"adminPassword":"long-enough"}')).toThrow(/unknown setting/);
  });
});
