import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ControllerFactsSchema,
  LogLinesSchema,
  type ControllerFacts,
  type LogLine,
} from '../../src/contracts/controller.js';
import { apiClient } from '../helpers/api-client.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';

const ONBOARDING_PASSWORD = 'onboard-secret-4711';
const T0 = Date.parse('2026-11-27T10:00:00Z');

let h: Harness;
let api: ReturnType<typeof apiClient>;
let viewer: string;
let operator: string;
let engineer: string;

/** A line as pino writes it to the log file (numeric level, ms time, module from a child). */
const line = (level: number, at: number, msg: string, module?: string) =>
  JSON.stringify({ level, time: T0 + at, pid: 1, hostname: 'farm', module, msg });

beforeAll(async () => {
  h = await startCore({
    HYDRO_MQTT_ACCESS: 'onboarding',
    HYDRO_MQTT_ONBOARDING_PASSWORD: ONBOARDING_PASSWORD,
    HYDRO_ALLOWED_HOSTS: 'hydro.lan',
  });
  api = apiClient(h);
  viewer = await api.tokenFor('viewer');
  operator = await api.tokenFor('operator');
  engineer = await api.tokenFor('engineer');
  // The harness logs nowhere; these stand in for two files pino-roll rotated (2 is newer).
  const dir = join(h.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'hydro.1.log'),
    [line(30, 0, 'core started'), line(40, 1000, 'node slow', 'devices')].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'hydro.2.log'),
    [
      line(20, 2000, 'tick', 'scheduler'),
      line(30, 3000, 'http listening', 'http'),
      '{"level":50,"time":', // cut short by a crash
      line(50, 4000, 'broker refused a node', 'broker'),
    ].join('\n') + '\n',
  );
});
afterAll(() => h.stop());

describe('GET /api/settings/controller', () => {
  it('reports how the running core was configured', async () => {
    const facts = api.data<ControllerFacts>(await api.call('GET', '/api/settings/controller'));
    expect(ControllerFactsSchema.parse(facts)).toEqual({
      http: { port: 0, bind: '127.0.0.1', lan: false, allowed_hosts: ['hydro.lan'] },
      mqtt: {
        kind: 'embedded',
        port: 0,
        bind: '0.0.0.0',
        access: 'onboarding',
        onboarding_password_set: true,
        external_url: null,
        tls: false,
      },
      database: { kind: 'sqlite' },
      data_dir: h.dataDir,
      log_level: 'info',
    });
  });

  it('never carries a secret', async () => {
    const reply = await api.call('GET', '/api/settings/controller', undefined, engineer);
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(ONBOARDING_PASSWORD);
    expect(text).not.toContain(API_TOKEN);
  });

  it('is for engineers and admins only', async () => {
    api.expectError(
      await api.call('GET', '/api/settings/controller', undefined, viewer),
      403,
      'forbidden',
    );
    api.expectError(
      await api.call('GET', '/api/settings/controller', undefined, operator),
      403,
      'forbidden',
    );
  });
});

describe('GET /api/system/logs', () => {
  const logs = async (query: string, token = API_TOKEN) =>
    LogLinesSchema.parse(
      api.data<LogLine[]>(await api.call('GET', `/api/system/logs${query}`, undefined, token)),
    );

  it('returns the newest lines first across rotated files, info and above by default', async () => {
    expect(await logs('')).toEqual([
      {
        time: '2026-11-27T10:00:04.000Z',
        level: 'error',
        module: 'broker',
        msg: 'broker refused a node',
      },
      { time: '2026-11-27T10:00:03.000Z', level: 'info', module: 'http', msg: 'http listening' },
      { time: '2026-11-27T10:00:01.000Z', level: 'warn', module: 'devices', msg: 'node slow' },
      { time: '2026-11-27T10:00:00.000Z', level: 'info', module: null, msg: 'core started' },
    ]);
  });

  it('filters by the lowest level and limits the count', async () => {
    expect((await logs('?level=warn')).map((l) => l.msg)).toEqual([
      'broker refused a node',
      'node slow',
    ]);
    expect((await logs('?level=debug&limit=2')).map((l) => l.msg)).toEqual([
      'broker refused a node',
      'http listening',
    ]);
  });

  it('rejects a bad query', async () => {
    api.expectError(await api.call('GET', '/api/system/logs?level=loud'), 422, 'validation_failed');
    api.expectError(await api.call('GET', '/api/system/logs?limit=0'), 422, 'validation_failed');
  });

  it('is open to operators and engineers, not viewers', async () => {
    expect(await logs('?limit=1', operator)).toHaveLength(1);
    expect(await logs('?limit=1', engineer)).toHaveLength(1);
    api.expectError(await api.call('GET', '/api/system/logs', undefined, viewer), 403, 'forbidden');
  });
});
