import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import { SqliteTelemetryHistory } from '../../../src/storage/sqlite/telemetry-history.js';
import type { SampleInput } from '../../../src/storage/types.js';
import { planBuckets } from '../../../src/telemetry/resolution.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

async function store() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const now = Date.now();
  const gh = await storage.greenhouses.create({ uid: 'gh-1', name: 'G', timezone: 'UTC' }, now);
  const zone = await storage.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, now);
  db.prepare(
    `INSERT INTO nodes (id, uid, hardware_id, type, lifecycle_state, zone_id, node_secret, mqtt_password, first_seen_at, updated_at)
     VALUES (1, 'nd-ph-1', 'esp32-000000000001', 'ph', 'ASSIGNED_TO_ZONE', ?, 's', 'p', 0, 0)`,
  ).run(zone.id);
  return { db, storage, history: new SqliteTelemetryHistory(db), zoneId: zone.id };
}

/** Seeded samples over `days`, shuffled, with some exact duplicates (QoS 1 redeliveries). */
function samples(zoneId: number, count: number, days: number, seed = 1): SampleInput[] {
  let a = seed;
  const random = () => (a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: SampleInput[] = [];
  for (let i = 0; i < count; i++) {
    const ts = T0 + Math.floor(random() * days * DAY);
    out.push({
      nodeId: 1,
      zoneId,
      channel: 'ph_sensor',
      metricType: 'PH',
      ts,
      value: 5 + random() * 2,
      quality: 'good',
    });
    if (random() < 0.05) out.push({ ...out[out.length - 1]! });
  }
  return out;
}

function recompute(db: BetterSqlite3.Database, width: number) {
  return db
    .prepare(
      `SELECT (ts / CAST(? AS INTEGER)) * CAST(? AS INTEGER) AS bucket, MIN(value) AS min, MAX(value) AS max, SUM(value) AS sum, COUNT(*) AS count
       FROM telemetry_samples GROUP BY 1 ORDER BY 1`,
    )
    .all(width, width) as {
    bucket: number;
    min: number;
    max: number;
    sum: number;
    count: number;
  }[];
}

describe('telemetry store', () => {
  it('keeps every rollup equal to a recomputation from raw data, duplicates counted once', async () => {
    const { db, storage, zoneId } = await store();
    const all = samples(zoneId, 5000, 3);
    for (let i = 0; i < all.length; i += 400)
      await storage.telemetry.insertSamples(all.slice(i, i + 400));
    for (const [table, width] of [
      ['telemetry_1m', 60_000],
      ['telemetry_1h', 3_600_000],
      ['telemetry_1d', DAY],
    ] as const) {
      const stored = db
        .prepare(`SELECT bucket, min, max, sum, count FROM ${table} ORDER BY bucket`)
        .all() as ReturnType<typeof recompute>;
      const expected = recompute(db, width);
      expect(stored.length).toBe(expected.length);
      stored.forEach((row, i) => {
        const e = expected[i]!;
        expect(row).toMatchObject({ bucket: e.bucket, min: e.min, max: e.max, count: e.count });
        expect(row.sum).toBeCloseTo(e.sum, 9);
      });
    }
  });

  it('lets only a newer timestamp replace the last value', async () => {
    const { storage, history, zoneId } = await store();
    const at = (ts: number, value: number): SampleInput => ({
      nodeId: 1,
      zoneId,
      channel: 'ph_sensor',
      metricType: 'PH',
      ts,
      value,
      quality: 'good',
    });
    await storage.telemetry.insertSamples([at(T0 + 5000, 6.5)]);
    await storage.telemetry.insertSamples([at(T0 + 1000, 5.0), at(T0 + 4000, 5.5)]);
    expect(history.lastValues(1)).toEqual([
      { channel: 'ph_sensor', metric_type: 'PH', ts: T0 + 5000, value: 6.5, quality: 'good' },
    ]);
    await storage.telemetry.insertSamples([at(T0 + 6000, 6.6)]);
    expect(history.lastValues(1)[0]!.value).toBe(6.6);
  });

  it('returns at most the point budget, merging buckets exactly', async () => {
    const { db, storage, history, zoneId } = await store();
    await storage.telemetry.insertSamples(samples(zoneId, 20_000, 10));
    for (const [range, budget] of [
      [3_600_000, 100],
      [DAY, 300],
      [7 * DAY, 200],
      [10 * DAY, 50],
    ] as const) {
      const series = history.series({
        nodeId: 1,
        channel: 'ph_sensor',
        fromMs: T0,
        toMs: T0 + range,
        budget,
      });
      expect(series.points.length).toBeLessThanOrEqual(budget);
      const raw = db
        .prepare(
          'SELECT COUNT(*) AS n, MIN(value) AS min, MAX(value) AS max FROM telemetry_samples WHERE ts >= ? AND ts < ?',
        )
        .get(T0, T0 + range) as { n: number; min: number; max: number };
      expect(series.points.reduce((n, p) => n + p.count, 0)).toBe(raw.n);
      expect(Math.min(...series.points.map((p) => p.min))).toBe(raw.min);
      expect(Math.max(...series.points.map((p) => p.max))).toBe(raw.max);
    }
    expect(
      history.series({
        nodeId: 1,
        channel: 'ph_sensor',
        fromMs: T0,
        toMs: T0 + 10 * DAY,
        budget: 50,
      }).source,
    ).toBe('1h');
  });

  it('deletes exactly what retention says is due', async () => {
    const { db, storage, history, zoneId } = await store();
    await storage.telemetry.insertSamples(samples(zoneId, 3000, 120));
    const now = T0 + 120 * DAY;
    const policy = { rawDays: 30, minuteDays: 90, hourDays: 730, dayDays: null };
    const count = (sql: string, ...args: number[]) =>
      (db.prepare(sql).get(...args) as { n: number }).n;
    const rawDue = count(
      'SELECT COUNT(*) AS n FROM telemetry_samples WHERE ts < ?',
      now - 30 * DAY,
    );
    const minuteDue = count(
      'SELECT COUNT(*) AS n FROM telemetry_1m WHERE bucket < ?',
      now - 90 * DAY,
    );
    const rawTotal = count('SELECT COUNT(*) AS n FROM telemetry_samples');
    const days = count('SELECT COUNT(*) AS n FROM telemetry_1d');
    expect(rawDue).toBeGreaterThan(0);
    const deleted = history.applyRetention(now, policy);
    expect(deleted).toEqual({
      telemetry_samples: rawDue,
      telemetry_1m: minuteDue,
      telemetry_1h: 0,
    });
    expect(count('SELECT COUNT(*) AS n FROM telemetry_samples')).toBe(rawTotal - rawDue);
    expect(count('SELECT COUNT(*) AS n FROM telemetry_samples WHERE ts < ?', now - 30 * DAY)).toBe(
      0,
    );
    expect(count('SELECT COUNT(*) AS n FROM telemetry_1d')).toBe(days);
  });

  it('exports exactly the stored rows of a range, in order', async () => {
    const { db, storage, history, zoneId } = await store();
    await storage.telemetry.insertSamples(samples(zoneId, 2000, 2));
    const exported = [...history.rows(1, 'ph_sensor', T0, T0 + DAY)];
    const stored = db
      .prepare('SELECT ts, value FROM telemetry_samples WHERE ts >= ? AND ts < ? ORDER BY ts')
      .all(T0, T0 + DAY);
    expect(exported.map(({ ts, value }) => ({ ts, value }))).toEqual(stored);
  });

  it('reports disk usage per table', async () => {
    const { storage, history, zoneId } = await store();
    await storage.telemetry.insertSamples(samples(zoneId, 1000, 1));
    const usage = history.diskUsage();
    expect(usage.find((u) => u.table === 'telemetry_samples')!.bytes).toBeGreaterThan(0);
  });
});

describe('bucket planning', () => {
  it('uses raw data for short ranges and coarser rollups for longer ones', () => {
    expect(planBuckets(0, 3_600_000, 500).source).toBe('raw');
    expect(planBuckets(0, DAY, 500)).toEqual({ source: '1m', stepMs: 180_000 });
    expect(planBuckets(0, 30 * DAY, 500)).toEqual({ source: '1h', stepMs: 7_200_000 });
    expect(planBuckets(0, 3 * 365 * DAY, 500)).toEqual({ source: '1d', stepMs: 3 * DAY });
  });
});
