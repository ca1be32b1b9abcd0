import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedNode, type SimulatedNode } from '../../src/sim/index.js';
import type { Series } from '../../src/storage/telemetry-history.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';
import { CLI, startHydro, tempDataDir } from '../helpers/hydro-process.js';
import { describeWithPostgres } from '../helpers/postgres.js';

describe('the CLI with a PostgreSQL store', () => {
  it('refuses to serve an unreachable server: exit 2, one line naming it, never the password', async () => {
    // Port 1 on loopback refuses at once: nothing listens there.
    const hydro = startHydro([
      'serve',
      '--data-dir',
      tempDataDir(),
      '--http-port',
      '0',
      '--mqtt-port',
      '0',
      '--database-url',
      'postgresql://hydro:s3cret@127.0.0.1:1/hydro',
    ]);
    expect((await hydro.exit).code).toBe(2);
    const lines = hydro
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('hydro:'));
    expect(lines).toEqual([
      'hydro: cannot reach PostgreSQL at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(hydro.stderr()).not.toContain('s3cret');
    expect(hydro.stdout()).toBe('');
  });

  it('sends backup and restore to pg_dump with exit 2', () => {
    const env = { ...process.env, HYDRO_DATABASE_URL: 'postgresql://127.0.0.1:1/hydro' };
    for (const args of [['backup'], ['restore', 'some.db']]) {
      const result = spawnSync(process.execPath, [CLI, ...args, '--data-dir', tempDataDir()], {
        encoding: 'utf8',
        env,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^hydro: the store is PostgreSQL.*use pg_dump/);
    }
  });
});

await describeWithPostgres('a core on PostgreSQL', (postgres) => {
  let h: Harness;
  let sim: SimulatedNode;
  let nodeId: number;

  beforeAll(async () => {
    h = await startCore({ HYDRO_DATABASE_URL: await postgres.freshSchemaUrl() });
    sim = createSimulatedNode({
      type: 'ph',
      mac: 'a1b2c3d4e5f7',
      brokerUrl: h.urls.mqtt,
      seed: 11,
      speed: 20,
      timing: { bootMs: 0 },
    });
  });
  afterAll(async () => {
    await sim?.stop();
    await h?.stop();
  });

  it('stores the telemetry of a simulated node once it is bound through the API', async () => {
    const gh = await h.core.storage.greenhouses.create(
      { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
      Date.now(),
    );
    const zone = await h.core.storage.zones.create(
      { greenhouseId: gh.id, uid: 'zn-1', name: 'Z' },
      Date.now(),
    );
    await sim.start();
    const record = () => h.core.storage.nodes.byHardwareId('esp32-a1b2c3d4e5f7');
    await expect.poll(async () => (await record())?.status, { timeout: 10_000 }).toBe('online');
    nodeId = (await record())!.id;
    expect((await h.api('PATCH', `/api/nodes/${nodeId}`, { zone_id: zone.id })).status).toBe(200);
    await expect.poll(async () => (await record())?.zoneId, { timeout: 15_000 }).toBe(zone.id);
    await expect
      .poll(async () => (await h.core.storage.telemetry.latest(nodeId, 50)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(5);
    // Stopped, so the store holds still while the tests below compare it with the API.
    await sim.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  it('reports the PostgreSQL store and no backup scheduler in health', async () => {
    const res = await h.api<{ data: { components: { name: string; detail: string | null }[] } }>(
      'GET',
      '/api/health',
    );
    const { components } = res.body.data;
    expect(components.map((c) => c.name)).not.toContain('backups');
    expect(components.find((c) => c.name === 'database')!.detail).toMatch(
      /^PostgreSQL .*schema v\d+/,
    );
  });

  it('answers history, last values and the CSV export from what the simulator sent', async () => {
    const stored = (await h.core.storage.telemetry.latest(nodeId, 10_000))
      .filter((s) => s.channel === 'ph_sensor')
      .sort((a, b) => a.ts - b.ts);
    expect(stored.length).toBeGreaterThan(0);
    const from = stored[0]!.ts - 60_000;
    const to = stored.at(-1)!.ts + 60_000;
    const history = await h.api<{ data: { series: Series[] } }>(
      'GET',
      `/api/telemetry/history?series=${nodeId}:ph_sensor&from=${from}&to=${to}&points=50`,
    );
    expect(history.status).toBe(200);
    const [series] = history.body.data.series;
    expect(series!.source).toBe('raw');
    expect(series!.points.length).toBeLessThanOrEqual(50);
    expect(series!.points.reduce((n, p) => n + p.count, 0)).toBe(stored.length);
    expect(Math.min(...series!.points.map((p) => p.min))).toBe(
      Math.min(...stored.map((s) => s.value)),
    );

    const last = await h.api<{ data: { channel: string; ts: number; value: number }[] }>(
      'GET',
      `/api/nodes/${nodeId}/telemetry/last`,
    );
    expect(last.body.data.find((v) => v.channel === 'ph_sensor')).toMatchObject({
      ts: stored.at(-1)!.ts,
      value: stored.at(-1)!.value,
    });

    const csv = await fetch(
      `${h.urls.http}/api/telemetry/export.csv?node_id=${nodeId}&channel=ph_sensor&from=${from}&to=${to}`,
      { headers: { authorization: `Bearer ${API_TOKEN}` } },
    );
    const lines = (await csv.text()).trim().split('\n').slice(1);
    expect(lines.map((l) => Number(l.split(',')[1]))).toEqual(stored.map((s) => s.ts));
  });

  it('lists its tables with sizes and answers backups with 409 backups_external', async () => {
    const usage = await h.api<{ data: { table: string; bytes: number }[] }>(
      'GET',
      '/api/storage/usage',
    );
    expect(usage.body.data.find((u) => u.table === 'telemetry_samples')!.bytes).toBeGreaterThan(0);
    for (const [method, path] of [
      ['GET', '/api/backups'],
      ['POST', '/api/backups'],
      ['GET', '/api/backups/hydro-x.db'],
    ] as const) {
      const res = await h.api<{ code: string; message: string }>(method, path);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('backups_external');
      expect(res.body.message).toContain('pg_dump');
    }
  });
});
