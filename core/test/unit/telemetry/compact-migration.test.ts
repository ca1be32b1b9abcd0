import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import type { Storage } from '../../../src/storage/storage.js';
import type { ExportRow, SeriesPoint } from '../../../src/storage/telemetry-history.js';
import { DAY, DAY0, HOUR, MIN, seeded } from '../../contract/telemetry-oracle.js';

const COMPACT = 7;

/**
 * A store as Hydro 0003–0006 left it: samples keyed (node, channel, ts) whose node moved from no
 * zone to zone 1 to zone 2, rollups and last values that 0003 folded from them, then raw rows
 * that retention already removed (their rollups and last values stay).
 */
function legacyStore(): Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  const migrations = loadMigrations();
  migrate(
    db,
    migrations.filter((m) => m.version <= 2),
  );
  db.exec(`INSERT INTO greenhouses (id, uid, name, created_at) VALUES (1, 'gh-1', 'G', 0);
    INSERT INTO zones (id, greenhouse_id, uid, name, created_at) VALUES (1, 1, 'zn-1', 'A', 0), (2, 1, 'zn-2', 'B', 0);`);
  const node = db.prepare(
    `INSERT INTO nodes (id, uid, hardware_id, type, lifecycle_state, zone_id, node_secret, mqtt_password, first_seen_at, updated_at)
     VALUES (?, ?, ?, 'ph', 'ASSIGNED_TO_ZONE', 2, 's', 'p', 0, 0)`,
  );
  node.run(1, 'nd-ph-1', 'esp32-000000000001');
  node.run(2, 'nd-ph-2', 'esp32-000000000002');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO telemetry_samples (node_id, zone_id, channel, metric_type, ts, value, quality)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const random = seeded(7);
  const zoneAt = (ts: number) => (ts < DAY0 + DAY ? null : ts < DAY0 + 2 * DAY + 7 * HOUR ? 1 : 2);
  for (let i = 0; i < 6000; i++) {
    const ts = DAY0 + Math.floor(random() * 4 * DAY);
    const quality = random() < 0.1 ? 'uncertain' : 'good';
    insert.run(1, zoneAt(ts), 'ph', 'PH', ts, 5 + random() * 2, quality);
    insert.run(2, 2, 'ec', 'EC', ts + 17, 1 + random(), 'good');
  }
  for (let i = 0; i < 300; i++)
    insert.run(1, null, 'temp', 'TEMP', DAY0 + i * 60_000, 20 + i / 100, 'good');
  migrate(
    db,
    migrations.filter((m) => m.version <= 3),
  );
  // Retention already ran: raw rows before day 1.5 are gone, all of 'temp' with them.
  db.prepare('DELETE FROM telemetry_samples WHERE ts < ?').run(DAY0 + 1.5 * DAY);
  migrate(
    db,
    migrations.filter((m) => m.version < COMPACT),
  );
  return db;
}

/** What the legacy tables answer, read with the legacy layout's own keys. */
function legacyAnswers(db: Database) {
  const channels = db
    .prepare('SELECT DISTINCT node_id, channel FROM telemetry_last ORDER BY 1, 2')
    .all() as { node_id: number; channel: string }[];
  const exports = channels.map(({ node_id, channel }) =>
    (
      db
        .prepare(
          'SELECT ts, value, metric_type, quality FROM telemetry_samples WHERE node_id = ? AND channel = ? ORDER BY ts',
        )
        .all(node_id, channel) as ExportRow[]
    ).map((r) => ({ ...r })),
  );
  const rollups = (table: string) =>
    channels.map(({ node_id, channel }) =>
      (
        db
          .prepare(
            `SELECT bucket AS ts, min, sum, max, count FROM ${table} WHERE node_id = ? AND channel = ? ORDER BY bucket`,
          )
          .all(node_id, channel) as (SeriesPoint & { sum: number })[]
      ).map(({ sum, ...p }) => ({ ...p, avg: sum / p.count })),
    );
  const last = [1, 2].map((n) =>
    db
      .prepare(
        'SELECT channel, metric_type, ts, value, quality FROM telemetry_last WHERE node_id = ? ORDER BY channel',
      )
      .all(n),
  );
  return {
    channels,
    exports,
    rollups: {
      '1m': rollups('telemetry_1m'),
      '1h': rollups('telemetry_1h'),
      '1d': rollups('telemetry_1d'),
    },
    last,
  };
}

async function exported(s: Storage, node: number, channel: string): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const r of s.telemetryHistory.rows(node, channel, 0, DAY0 + 10 * DAY)) rows.push(r);
  return rows;
}

describe('migration 0007: series-keyed telemetry', () => {
  it('keeps every export row, rollup and last value of a legacy store', async () => {
    const db = legacyStore();
    const before = legacyAnswers(db);
    expect(before.exports.flat().length).toBeGreaterThan(7000);
    expect(before.exports[0]!.some((r) => r.quality === 'uncertain')).toBe(true);

    migrate(db, loadMigrations());
    const s = createSqliteStorage(db);

    const series = db
      .prepare(
        'SELECT node_id, zone_id, channel, metric_type FROM telemetry_series ORDER BY 1, 3, 2',
      )
      .all();
    // One series per zone the channel was in; 'temp' lives on in rollups only, in its node's zone.
    expect(series).toEqual([
      { node_id: 1, zone_id: 1, channel: 'ph', metric_type: 'PH' },
      { node_id: 1, zone_id: 2, channel: 'ph', metric_type: 'PH' },
      { node_id: 1, zone_id: 2, channel: 'temp', metric_type: 'TEMP' },
      { node_id: 2, zone_id: 2, channel: 'ec', metric_type: 'EC' },
    ]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('telemetry_samples')").pluck();
    expect(columns.all()).toEqual(['series_id', 'ts', 'value']);
    const indexes = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'telemetry_samples'",
    );
    expect(indexes.all()).toEqual([]);

    for (const [i, { node_id, channel }] of before.channels.entries()) {
      expect(await exported(s, node_id, channel)).toEqual(before.exports[i]);
      for (const [source, width] of [
        ['1m', MIN],
        ['1h', HOUR],
        ['1d', DAY],
      ] as const) {
        // A budget of range / width makes the plan read each rollup row unmerged.
        const range = { fromMs: DAY0, toMs: DAY0 + 4 * DAY, budget: (4 * DAY) / width };
        const got = await s.telemetryHistory.series({ nodeId: node_id, channel, ...range });
        expect(got.source).toBe(source);
        expect(got.points).toEqual(before.rollups[source][i]);
      }
    }
    expect([
      await s.telemetryHistory.lastValues(1),
      await s.telemetryHistory.lastValues(2),
    ]).toEqual(before.last);
  });

  it('goes on after the upgrade: a redelivery into an older series is still a duplicate', async () => {
    const db = legacyStore();
    const stored = legacyAnswers(db).exports[0]!;
    migrate(db, loadMigrations());
    const s = createSqliteStorage(db);
    const old = stored.find((r) => r.ts < DAY0 + 2 * DAY)!;
    const sample = (ts: number, value: number) => ({
      nodeId: 1,
      zoneId: 2,
      channel: 'ph',
      metricType: 'PH',
      ts,
      value,
      quality: 'good' as const,
    });
    // Stored in the zone-1 series; arriving now from zone 2 it must not be stored twice.
    expect(await s.telemetry.insertSamples([sample(old.ts, 99), sample(DAY0 + 5 * DAY, 6.5)])).toBe(
      1,
    );
    const rows = await exported(s, 1, 'ph');
    expect(rows.filter((r) => r.ts === old.ts)).toEqual([old]);
    expect(rows.at(-1)).toEqual({
      ts: DAY0 + 5 * DAY,
      value: 6.5,
      metric_type: 'PH',
      quality: 'good',
    });
    expect((await s.telemetryHistory.lastValues(1)).find((v) => v.channel === 'ph')).toMatchObject({
      ts: DAY0 + 5 * DAY,
      value: 6.5,
    });
  });
});
