import type { Database } from 'better-sqlite3';
import { planBuckets, RESOLUTION_MS, type Source } from '../../telemetry/resolution.js';

export interface SeriesQuery {
  nodeId: number;
  channel: string;
  fromMs: number;
  toMs: number;
  /** At most this many points come back. */
  budget: number;
}

export interface SeriesPoint {
  ts: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}

export interface Series {
  node_id: number;
  channel: string;
  source: Source;
  step_ms: number;
  points: SeriesPoint[];
}

export interface RetentionPolicy {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  /** null keeps daily rollups forever. */
  dayDays: number | null;
}

const DAY_MS = 86_400_000;
const TABLE: Record<Exclude<Source, 'raw'>, string> = {
  '1m': 'telemetry_1m',
  '1h': 'telemetry_1h',
  '1d': 'telemetry_1d',
};

/**
 * History reads over the SQLite store. The server picks raw data or a rollup by range and merges
 * buckets up to the step that fits the point budget, so a client never receives raw weeks.
 */
export class SqliteTelemetryHistory {
  constructor(private readonly db: Database) {}

  series(q: SeriesQuery): Series {
    const plan = planBuckets(q.fromMs, q.toMs, q.budget);
    const resolution = plan.source === 'raw' ? 1 : RESOLUTION_MS[plan.source];
    // Buckets start at the range start (on the source grid), so the count never exceeds the budget.
    const origin = Math.floor(q.fromMs / resolution) * resolution;
    // better-sqlite3 binds JS numbers as REAL; the casts keep the bucket arithmetic integral.
    const sql =
      plan.source === 'raw'
        ? `SELECT CAST(:origin AS INTEGER) + ((ts - CAST(:origin AS INTEGER)) / CAST(:step AS INTEGER)) * CAST(:step AS INTEGER) AS ts, MIN(value) AS min, AVG(value) AS avg,
             MAX(value) AS max, COUNT(*) AS count
           FROM telemetry_samples WHERE node_id = :node AND channel = :channel AND ts >= :from AND ts < :to
           GROUP BY 1 ORDER BY 1`
        : `SELECT CAST(:origin AS INTEGER) + ((bucket - CAST(:origin AS INTEGER)) / CAST(:step AS INTEGER)) * CAST(:step AS INTEGER) AS ts, MIN(min) AS min, SUM(sum) / SUM(count) AS avg,
             MAX(max) AS max, SUM(count) AS count
           FROM ${TABLE[plan.source]} WHERE node_id = :node AND channel = :channel AND bucket >= :origin AND bucket < :to
           GROUP BY 1 ORDER BY 1`;
    const points = this.db.prepare(sql).all({
      origin,
      step: plan.stepMs,
      node: q.nodeId,
      channel: q.channel,
      from: q.fromMs,
      to: q.toMs,
    }) as SeriesPoint[];
    return {
      node_id: q.nodeId,
      channel: q.channel,
      source: plan.source,
      step_ms: plan.stepMs,
      points,
    };
  }

  lastValues(
    nodeId: number,
  ): { channel: string; metric_type: string; ts: number; value: number; quality: string }[] {
    return this.db
      .prepare(
        'SELECT channel, metric_type, ts, value, quality FROM telemetry_last WHERE node_id = ? ORDER BY channel',
      )
      .all(nodeId) as {
      channel: string;
      metric_type: string;
      ts: number;
      value: number;
      quality: string;
    }[];
  }

  /** Raw rows of a range in time order, read lazily (an export never holds the range in memory). */
  *rows(
    nodeId: number,
    channel: string,
    fromMs: number,
    toMs: number,
  ): Generator<{ ts: number; value: number; metric_type: string; quality: string }> {
    const statement = this.db.prepare(
      `SELECT ts, value, metric_type, quality FROM telemetry_samples
       WHERE node_id = ? AND channel = ? AND ts >= ? AND ts < ? ORDER BY ts`,
    );
    yield* statement.iterate(nodeId, channel, fromMs, toMs) as Iterable<{
      ts: number;
      value: number;
      metric_type: string;
      quality: string;
    }>;
  }

  /** Delete what each policy says is due; returns rows deleted per table. */
  applyRetention(nowMs: number, policy: RetentionPolicy): Record<string, number> {
    const cut = (days: number) => nowMs - days * DAY_MS;
    const plan: [string, string, number | null][] = [
      ['telemetry_samples', 'ts', cut(policy.rawDays)],
      ['telemetry_1m', 'bucket', cut(policy.minuteDays)],
      ['telemetry_1h', 'bucket', cut(policy.hourDays)],
      ['telemetry_1d', 'bucket', policy.dayDays === null ? null : cut(policy.dayDays)],
    ];
    const deleted: Record<string, number> = {};
    for (const [table, column, before] of plan) {
      if (before === null) continue;
      deleted[table] = this.db
        .prepare(`DELETE FROM ${table} WHERE ${column} < ?`)
        .run(before).changes;
    }
    return deleted;
  }

  /** Bytes on disk per table (indexes included), largest first. */
  diskUsage(): { table: string; bytes: number }[] {
    return this.db
      .prepare(
        `SELECT COALESCE(m.tbl_name, d.name) AS "table", SUM(d.pgsize) AS bytes
         FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name
         GROUP BY 1 ORDER BY 2 DESC`,
      )
      .all() as { table: string; bytes: number }[];
  }
}
