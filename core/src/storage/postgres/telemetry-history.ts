import type pg from 'pg';
import { planBuckets, type Source } from '../../telemetry/resolution.js';
import {
  EXPORT_PAGE_ROWS,
  retentionCutoffs,
  type ExportRow,
  type LastValue,
  type RetentionPolicy,
  type RetentionResult,
  type Series,
  type SeriesPoint,
  type SeriesQuery,
  type TableUsage,
  type TelemetryHistory,
} from '../telemetry-history.js';

const BUCKET = '$1::bigint + ((%col - $1::bigint) / $2::bigint) * $2::bigint';
const bucketOf = (column: string) => BUCKET.replaceAll('%col', column);

/**
 * The same bucket maths as the SQLite store (integer division from the same origin), so both
 * dialects answer a query with the same points. Sums of counts are cast back to bigint: pg would
 * hand back SUM(bigint), a numeric, as a string.
 */
const rollupSeries = (table: string) =>
  `SELECT ${bucketOf('bucket')} AS ts, MIN(min) AS min, SUM(sum) / SUM(count)::double precision AS avg,
     MAX(max) AS max, SUM(count)::bigint AS count
   FROM ${table} WHERE node_id = $3 AND channel = $4 AND bucket >= $1 AND bucket < $5
   GROUP BY 1 ORDER BY 1`;

const SERIES_SQL: Record<Source, string> = {
  raw: `SELECT ${bucketOf('ts')} AS ts, MIN(value) AS min, AVG(value) AS avg, MAX(value) AS max,
      COUNT(*) AS count
    FROM telemetry_samples WHERE node_id = $3 AND channel = $4 AND ts >= $6 AND ts < $5
    GROUP BY 1 ORDER BY 1`,
  '1m': rollupSeries('telemetry_1m'),
  '1h': rollupSeries('telemetry_1h'),
  '1d': rollupSeries('telemetry_1d'),
};

/** History reads over the PostgreSQL store; every call is one short query on the pool. */
export class PostgresTelemetryHistory implements TelemetryHistory {
  constructor(private readonly pool: pg.Pool) {}

  async series(q: SeriesQuery): Promise<Series> {
    const plan = planBuckets(q.fromMs, q.toMs, q.budget);
    const params: unknown[] = [plan.originMs, plan.stepMs, q.nodeId, q.channel, q.toMs];
    if (plan.source === 'raw') params.push(q.fromMs);
    const result = await this.pool.query<SeriesPoint>(SERIES_SQL[plan.source], params);
    return {
      node_id: q.nodeId,
      channel: q.channel,
      source: plan.source,
      step_ms: plan.stepMs,
      points: result.rows,
    };
  }

  async lastValues(nodeId: number): Promise<LastValue[]> {
    // COLLATE "C": byte order like SQLite, whatever the database's locale would do with '_'.
    const result = await this.pool.query<LastValue>(
      `SELECT channel, metric_type, ts, value, quality FROM telemetry_last WHERE node_id = $1
       ORDER BY channel COLLATE "C"`,
      [nodeId],
    );
    return result.rows;
  }

  async *rows(
    nodeId: number,
    channel: string,
    fromMs: number,
    toMs: number,
  ): AsyncGenerator<ExportRow> {
    // Keyset pages on the primary key (node_id, channel, ts): each page is an index range scan
    // and no connection is held between pages, so a slow reader never pins one.
    let from = fromMs;
    for (;;) {
      const page = await this.pool.query<ExportRow>(
        `SELECT ts, value, metric_type, quality FROM telemetry_samples
         WHERE node_id = $1 AND channel = $2 AND ts >= $3 AND ts < $4 ORDER BY ts LIMIT $5`,
        [nodeId, channel, from, toMs, EXPORT_PAGE_ROWS],
      );
      yield* page.rows;
      if (page.rows.length < EXPORT_PAGE_ROWS) return;
      from = page.rows.at(-1)!.ts + 1;
    }
  }

  async applyRetention(policy: RetentionPolicy, nowMs: number): Promise<RetentionResult> {
    const deleted = {} as RetentionResult;
    for (const { table, column, before } of retentionCutoffs(policy, nowMs)) {
      deleted[table] =
        before === null
          ? 0
          : ((await this.pool.query(`DELETE FROM ${table} WHERE ${column} < $1`, [before]))
              .rowCount ?? 0);
    }
    return deleted;
  }

  async diskUsage(): Promise<TableUsage[]> {
    const result = await this.pool.query<TableUsage>(
      `SELECT c.relname AS "table", pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
    );
    const usage = result.rows;
    const samples = usage.find((u) => u.table === 'telemetry_samples');
    const chunked = await this.hypertableBytes();
    if (samples && chunked !== null) samples.bytes = chunked;
    return usage.sort((a, b) => b.bytes - a.bytes);
  }

  /**
   * The size of telemetry_samples as a TimescaleDB hypertable, whose own relation is empty (rows
   * and indexes live in chunk tables); null on plain PostgreSQL. Untested without TimescaleDB.
   */
  private async hypertableBytes(): Promise<number | null> {
    const installed = await this.pool.query(
      "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'",
    );
    if (installed.rowCount === 0) return null;
    const size = await this.pool.query<{ bytes: number | null }>(
      "SELECT hypertable_size('telemetry_samples')::bigint AS bytes",
    );
    return size.rows[0]?.bytes ?? null;
  }
}
