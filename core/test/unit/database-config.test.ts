import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { loadConfig } from '../../src/runtime/config.js';
import { ConfigError } from '../../src/runtime/errors.js';

const DATA = '/srv/hydro';
const load = (
  env: Record<string, string> = {},
  flags: Record<string, string> = {},
  file?: string,
) =>
  loadConfig({
    env: { HYDRO_DATA_DIR: DATA, ...env },
    flags,
    readFile: (path) => (path === `${DATA}/config.json` ? file : undefined),
  });

describe('database.url: PostgreSQL instead of the SQLite file', () => {
  it('is unset by default, so the store is SQLite in the data dir', () => {
    expect(load().database).toEqual({});
  });

  it('comes from config.json < HYDRO_DATABASE_URL < --database-url', () => {
    const file = JSON.stringify({ database: { url: 'postgres://file/hydro' } });
    expect(load({}, {}, file).database.url).toBe('postgres://file/hydro');
    const env = { HYDRO_DATABASE_URL: 'postgresql://env:5433/hydro' };
    expect(load(env, {}, file).database.url).toBe('postgresql://env:5433/hydro');
    const flag = { 'database-url': 'postgresql:///hydro?host=/var/run/postgresql' };
    expect(load(env, flag, file).database.url).toBe(flag['database-url']);
  });

  it('refuses anything but a postgres:// or postgresql:// URL, naming where it came from', () => {
    expect(() => load({ HYDRO_DATABASE_URL: 'mysql://db/hydro' })).toThrow(
      new ConfigError(
        'environment variable HYDRO_DATABASE_URL: database.url must be a postgres:// or postgresql:// URL (got "mysql://db/hydro")',
      ),
    );
    expect(() => load({}, { 'database-url': '/var/lib/hydro.db' })).toThrow(/flag --database-url/);
  });

  it('is a flag of serve', () => {
    expect(parseCli(['serve', '--database-url', 'postgres://db/hydro'])).toEqual({
      command: 'serve',
      flags: { 'database-url': 'postgres://db/hydro' },
      demo: false,
    });
  });
});
