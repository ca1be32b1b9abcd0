import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/runtime/config.js';
import { ConfigError } from '../../../src/runtime/errors.js';

const DATA = '/srv/hydro';
const load = (env: Record<string, string> = {}, file?: string) =>
  loadConfig({
    env: { HYDRO_DATA_DIR: DATA, ...env },
    flags: {},
    readFile: (path) => (path === `${DATA}/config.json` ? file : undefined),
  });

describe('notify.telegramApiUrl: where Telegram messages are sent', () => {
  it('is the public Bot API unless config.json or HYDRO_TELEGRAM_API_URL say otherwise', () => {
    expect(load().notify).toEqual({ telegramApiUrl: 'https://api.telegram.org' });
    const file = JSON.stringify({ notify: { telegramApiUrl: 'http://bot-api.lan:8081' } });
    expect(load({}, file).notify.telegramApiUrl).toBe('http://bot-api.lan:8081');
    const env = { HYDRO_TELEGRAM_API_URL: 'https://tg-proxy.example' };
    expect(load(env, file).notify.telegramApiUrl).toBe('https://tg-proxy.example');
  });

  it('refuses anything but an http(s) URL, naming the variable', () => {
    expect(() => load({ HYDRO_TELEGRAM_API_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => load({ HYDRO_TELEGRAM_API_URL: 'ftp://x' })).toThrow(
      /HYDRO_TELEGRAM_API_URL: notify\.telegramApiUrl must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});
