import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import { EXPORT_PAGE_ROWS, type ExportRow } from '../../../src/storage/telemetry-history.js';
import type { SampleInput } from '../../../src/storage/types.js';
import {
  DAY,
  DAY0,
  expectedSeries,
  pointsMatch,
  storedOf,
} from '../../contract/telemetry-oracle.js';

/** A migrated in-memory store with node 1 and zones 1 and 2. */
function store() {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations());
  db.exec(`INSERT INTO greenhouses (id, uid, name, created_at) VALUES (1, 'gh-1', 'G', 0);
    INSERT INTO zones (id, greenhouse_id, uid, name, created_at) VALUES (1, 1, 'zn-1', 'A', 0), (2, 1, 'zn-2', 'B', 0);
    INSERT INTO nodes (id, uid, hardware_id, type, lifecycle_state, node_secret, mqtt_password, first_seen_at, updated_at)
      VALUES (1, 'nd-ph-1', 'esp32-000000000001', 'ph', 'ASSIGNED_TO_ZONE', 's', 'p', 0, 0);`);
  const s = createSqliteStorage(db);
  const exported = async (channel: string, from = DAY0, to = DAY0 + DAY) => {
    const rows: ExportRow[] = [];
    for await (const r of s.telemetryHistory.rows(1, channel, from, to)) rows.push(r);
    return rows;
  };
  return { db, s, exported };
}

function sample(
  channel: string,
  ts: number,
  value: number,
  zoneId: number | null = 1,
  quality: SampleInput['quality'] = 'good',
): SampleInput {
  return { nodeId: 1, zoneId, channel, metricType: 'PH', ts: DAY0 + ts, value, quality };
}

const asRow = (x: SampleInput): ExportRow => ({
  ts: x.ts,
  value: x.value,
  metric_type: x.metricType,
  quality: x.quality,
});

describe('SQLite telemetry series', () => {
  it('reads a channel whose samples alternate between series as one, duplicates across them ignored', async () => {
    const { db, s, exported } = store();
    // The node flips between zones (and once to no zone): three series, interleaved in time.
    const zoneOf = (i: number) => (i % 97 === 0 ? null : Math.floor(i / 7) % 2 === 0 ? 1 : 2);
    const count = 2 * EXPORT_PAGE_ROWS + 321;
    const samples = Array.from({ length: count }, (_, i) =>
      sample('ph', i * 5000, 5 + (i % 89) / 100, zoneOf(i), i % 11 === 0 ? 'uncertain' : 'good'),
    );
    // Redeliveries from the other zone: the same (node, channel, ts) is stored once.
    const redelivered = samples
      .filter((_, i) => i % 13 === 0)
      .map((x) => ({ ...x, zoneId: x.zoneId === 1 ? 2 : 1, value: 99 }));
    const batches = [...samples, ...redelivered];
    let written = 0;
    for (let i = 0; i < batches.length; i += 700)
      written += await s.telemetry.insertSamples(batches.slice(i, i + 700));
    expect(written).toBe(count);
    expect(db.prepare('SELECT COUNT(*) FROM telemetry_series').pluck().get()).toBe(3);

    expect(await exported('ph')).toEqual(samples.map(asRow));
    const from = DAY0 + 1234 * 5000 + 1;
    const to = DAY0 + 8888 * 5000;
    expect(await exported('ph', from, to)).toEqual(
      samples.filter((x) => x.ts >= from && x.ts < to).map(asRow),
    );
    for (const q of [
      { fromMs: DAY0 + 17, toMs: DAY0 + 40 * 60_000, budget: 200 },
      { fromMs: DAY0, toMs: DAY0 + DAY, budget: 300 },
      { fromMs: DAY0 - DAY, toMs: DAY0 + 2 * DAY, budget: 2 },
    ]) {
      const got = await s.telemetryHistory.series({ nodeId: 1, channel: 'ph', ...q });
      expect(pointsMatch(got.points, expectedSeries(storedOf(samples), q).points)).toBeNull();
    }
    const latest = await s.telemetry.latest(1, 3);
    expect(latest).toEqual(samples.slice(-3).reverse());
  });

  it('answers a long series read in slices exactly as one read', async () => {
    const { s } = store();
    // Two samples a second for 80 minutes: with 5000 points the raw read takes two slices.
    const samples = Array.from({ length: 9600 }, (_, i) =>
      sample('ph', i * 500 + (i % 3), 6 + Math.sin(i / 50)),
    );
    for (let i = 0; i < samples.length; i += 1000)
      await s.telemetry.insertSamples(samples.slice(i, i + 1000));
    for (const q of [
      { fromMs: DAY0 + 1, toMs: DAY0 + 80 * 60_000, budget: 5000 },
      { fromMs: DAY0 - 77, toMs: DAY0 + 81 * 60_000, budget: 4999 },
    ]) {
      const got = await s.telemetryHistory.series({ nodeId: 1, channel: 'ph', ...q });
      expect(got.source).toBe('raw');
      expect(got.points.length).toBeGreaterThan(4096);
      expect(pointsMatch(got.points, expectedSeries(samples, q).points)).toBeNull();
    }
  });

  it('forgets series created by a batch that rolled back', async () => {
    const { s, exported } = store();
    // 'ph' gets a series, then zone 9 does not exist: the whole batch rolls back.
    await expect(
      s.telemetry.insertSamples([sample('ph', 0, 6), sample('ec', 0, 1.2, 9)]),
    ).rejects.toThrow(/FOREIGN KEY/);
    // Had the cache kept the rolled-back 'ph' series id, 'ec' would now be given the same id.
    expect(
      await s.telemetry.insertSamples([sample('ec', 1000, 1.3), sample('ph', 1000, 6.1)]),
    ).toBe(2);
    expect(await exported('ph')).toEqual([asRow(sample('ph', 1000, 6.1))]);
    expect(await exported('ec')).toEqual([asRow(sample('ec', 1000, 1.3))]);
  });

  it('drops the quality marks of raw rows that retention deletes', async () => {
    const { db, s, exported } = store();
    await s.telemetry.insertSamples([
      sample('ph', 0, 6, 1, 'uncertain'),
      sample('ph', 2 * DAY, 6.2, 1, 'uncertain'),
    ]);
    const policy = { rawDays: 1, minuteDays: 90, hourDays: 90, dayDays: null };
    expect(await s.telemetryHistory.applyRetention(policy, DAY0 + 2 * DAY)).toMatchObject({
      telemetry_samples: 1,
    });
    expect(db.prepare('SELECT COUNT(*) FROM telemetry_uncertain').pluck().get()).toBe(1);
    // The same timestamp stored again, good this time, is not reported uncertain.
    expect(await s.telemetry.insertSamples([sample('ph', 0, 6.1)])).toBe(1);
    expect(await exported('ph', DAY0, DAY0 + 3 * DAY)).toEqual([
      asRow(sample('ph', 0, 6.1)),
      asRow(sample('ph', 2 * DAY, 6.2, 1, 'uncertain')),
    ]);
  });
});
