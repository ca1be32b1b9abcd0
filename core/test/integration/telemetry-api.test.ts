import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeInput } from '../contract/records.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let nodeId: number;
const T0 = Date.UTC(2026, 10, 20);
const MIN = 60_000;

beforeAll(async () => {
  h = await startCore();
  const s = h.core.storage;
  const gh = await s.greenhouses.create({ uid: 'gh-1', name: 'G', timezone: 'UTC' }, T0);
  const zone = await s.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, T0);
  const node = await s.nodes.create(
    nodeInput(1, { lifecycleState: 'ASSIGNED_TO_ZONE', zoneId: zone.id, status: 'online' }),
  );
  nodeId = node.id;
  // One sample a minute for two days.
  const samples = Array.from({ length: 2 * 24 * 60 }, (_, i) => ({
    nodeId,
    zoneId: zone.id,
    channel: 'ph_sensor',
    metricType: 'PH',
    ts: T0 + i * MIN,
    value: 5.5 + (i % 60) / 100,
    quality: 'good' as const,
  }));
  await s.telemetry.insertSamples(samples);
});
afterAll(async () => {
  await h.stop();
});

describe('telemetry API', () => {
  it('returns several series within the point budget', async () => {
    const q = `series=${nodeId}:ph_sensor,${nodeId}:missing&from=${T0}&to=${T0 + 2 * 1440 * MIN}&points=100`;
    const res = await h.api<{
      data: { series: { source: string; points: { count: number }[] }[] };
    }>('GET', `/api/telemetry/history?${q}`);
    expect(res.status).toBe(200);
    const [ph, missing] = res.body.data.series;
    expect(ph!.points.length).toBeLessThanOrEqual(100);
    expect(ph!.points.reduce((n, p) => n + p.count, 0)).toBe(2 * 1440);
    expect(ph!.source).toBe('1m');
    expect(missing!.points).toEqual([]);
  });

  it('rejects a bad query with field errors', async () => {
    const res = await h.api<{ code: string; errors: Record<string, string[]> }>(
      'GET',
      `/api/telemetry/history?series=x&from=${T0}&to=${T0 - 1}`,
    );
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors).sort()).toEqual(['series', 'to']);
  });

  it('gives the last value per channel', async () => {
    const res = await h.api<{ data: { channel: string; ts: number }[] }>(
      'GET',
      `/api/nodes/${nodeId}/telemetry/last`,
    );
    expect(res.body.data).toEqual([
      expect.objectContaining({ channel: 'ph_sensor', ts: T0 + (2 * 1440 - 1) * MIN }),
    ]);
  });

  it('streams a CSV export equal to the stored rows', async () => {
    const res = await fetch(
      `${h.urls.http}/api/telemetry/export.csv?node_id=${nodeId}&channel=ph_sensor&from=${T0}&to=${T0 + 90 * MIN}`,
      {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      },
    );
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('ts_iso,ts_ms,node_id,channel,metric_type,value,quality');
    expect(lines).toHaveLength(91);
    const stored = (await h.core.storage.telemetry.latest(nodeId, 5000))
      .filter((s) => s.ts < T0 + 90 * MIN)
      .sort((a, b) => a.ts - b.ts);
    expect(lines.slice(1).map((l) => Number(l.split(',')[5]))).toEqual(stored.map((s) => s.value));
  });

  it('reports disk usage per table', async () => {
    const res = await h.api<{ data: { table: string; bytes: number }[] }>(
      'GET',
      '/api/storage/usage',
    );
    expect(res.body.data.some((u) => u.table === 'telemetry_samples' && u.bytes > 0)).toBe(true);
  });
});
