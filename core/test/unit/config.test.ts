import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadConfig, type ConfigSources } from '../../src/runtime/config.js';
import { ConfigError } from '../../src/runtime/errors.js';

const DATA = '/srv/hydro';

function load(over: Partial<ConfigSources> & { file?: string } = {}) {
  const { file, ...rest } = over;
  return loadConfig({
    env: { HYDRO_DATA_DIR: DATA },
    flags: {},
    readFile: (path) => (path === `${DATA}/config.json` ? file : undefined),
    ...rest,
  });
}

describe('config precedence: defaults < config.json < env < flags', () => {
  it('uses the documented defaults', () => {
    const config = load();
    expect(config.http).toEqual({ port: 8080, bind: '127.0.0.1' });
    expect(config.mqtt).toEqual({ port: 1883, bind: '0.0.0.0', access: 'default' });
    expect(config.log.level).toBe('info');
    expect(config.dataDir).toBe(DATA);
  });

  it('lets config.json override defaults', () => {
    const config = load({
      file: JSON.stringify({ http: { port: 9000 }, log: { level: 'debug' } }),
    });
    expect(config.http).toEqual({ port: 9000, bind: '127.0.0.1' });
    expect(config.log.level).toBe('debug');
  });

  it('lets env override config.json, and flags override env', () => {
    const file = JSON.stringify({ http: { port: 9000 }, mqtt: { port: 1999 } });
    const env = { HYDRO_DATA_DIR: DATA, HYDRO_HTTP_PORT: '9100', HYDRO_MQTT_PORT: '2000' };
    expect(load({ file, env }).http.port).toBe(9100);
    const config = load({ file, env, flags: { 'http-port': '9200' } });
    expect(config.http.port).toBe(9200);
    expect(config.mqtt.port).toBe(2000);
  });

  it('reads config.json from the data dir chosen by flag over env', () => {
    const seen: string[] = [];
    loadConfig({
      env: { HYDRO_DATA_DIR: '/env/dir' },
      flags: { 'data-dir': '/flag/dir' },
      readFile: (path) => {
        seen.push(path);
        return undefined;
      },
    });
    expect(seen).toEqual(['/flag/dir/config.json']);
  });

  it('accepts port 0 (any free port)', () => {
    expect(load({ flags: { 'mqtt-port': '0' } }).mqtt.port).toBe(0);
  });
});

describe('invalid values name their source and field', () => {
  it('names the environment variable', () => {
    const env = { HYDRO_DATA_DIR: DATA, HYDRO_HTTP_PORT: 'eighty' };
    expect(() => load({ env })).toThrow(ConfigError);
    expect(() => load({ env })).toThrow(
      /environment variable HYDRO_HTTP_PORT: http\.port .*"eighty"/,
    );
  });

  it('names the flag', () => {
    expect(() => load({ flags: { 'mqtt-port': '70000' } })).toThrow(
      /flag --mqtt-port: mqtt\.port must be 0–65535/,
    );
  });

  it('names the file and the field', () => {
    expect(() => load({ file: JSON.stringify({ mqtt: { port: -1 } }) })).toThrow(
      /\/srv\/hydro\/config\.json: mqtt\.port must be 0–65535/,
    );
    expect(() => load({ file: JSON.stringify({ log: { level: 'loud' } }) })).toThrow(
      /config\.json: log\.level/,
    );
  });

  it('rejects unknown settings so typos do not pass silently', () => {
    expect(() => load({ file: JSON.stringify({ htpp: { port: 1 } }) })).toThrow(
      /unknown setting htpp/,
    );
  });

  it('rejects a config.json that is not JSON', () => {
    expect(() => load({ file: '{ "http": ' })).toThrow(/config\.json: not valid JSON/);
  });

  it('keeps secrets out of config.json', () => {
    expect(() => load({ file: JSON.stringify({ apiToken: 'x'.repeat(32) }) })).toThrow(
      /unknown setting apiToken/,
    );
  });

  it('requires tokens to be long enough', () => {
    const env = { HYDRO_DATA_DIR: DATA, HYDRO_API_TOKEN: 'short' };
    expect(() => load({ env })).toThrow(/HYDRO_API_TOKEN: apiToken must be at least 16 characters/);
  });
});

describe('default data dir', () => {
  it('follows each platform convention', () => {
    expect(defaultDataDir('linux', '/home/g', {})).toBe('/home/g/.local/share/hydro');
    expect(defaultDataDir('linux', '/home/g', { XDG_DATA_HOME: '/x' })).toBe('/x/hydro');
    expect(defaultDataDir('darwin', '/Users/g', {})).toBe(
      '/Users/g/Library/Application Support/Hydro',
    );
    expect(defaultDataDir('win32', 'C:/Users/g', { APPDATA: 'C:/AppData' })).toMatch(
      /^C:\/AppData.Hydro$/,
    );
  });
});
