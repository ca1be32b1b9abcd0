import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Database, Statement } from 'better-sqlite3';
import { planBuckets, RESOLUTION_MS, type Source } from '../../telemetry/resolution.js';
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
  type TelemetryTable,
} from '../telemetry-history.js';
import { QUALITY_SQL, UNCERTAIN_JOIN } from './telemetry-series.js';

const ROLLUP_TABLE: Record<Exclude<Source, 'raw'>, string> = {
  '1m': 'telemetry_1m',
  '1h': 'telemetry_1h',
  '1d': 'telemetry_1d',
};

/** Source rows read per slice of a series query (see series()). */
const SLICE_ROWS = 4096;
/** Export rows handed on between turns of the event loop (see rows()). */
const YIELD_ROWS = 1000;
/** Raw samples are assumed at most one per second when a raw read is sliced. */
const RAW_INTERVAL_MS = 1000;

/** The series ids of one node channel (several once it changed zone or metric type). */
const SERIES_OF_CHANNEL =
  'SELECT id FROM telemetry_series WHERE node_id = :node AND channel = :channel';

interface ChannelSeriesRow {
  id: number;
  metric_type: string;
}

/**
 * History reads over the SQLite store. better-sqlite3 is synchronous, so each call runs one
 * short query; an export reads in keyset pages, never holding a statement open across awaits
 * (an open iterator would keep the connection busy for the ingest writer).
 */
export class SqliteTelemetryHistory implements TelemetryHistory {
  private readonly seriesSql: Record<Source, Statement>;
  private readonly lastSql: Statement;
  private readonly channelSeries: Statement;
  private readonly pageSql: Statement;
  private readonly allSeries: Statement;
  private readonly deleteBefore: Record<TelemetryTable, Statement>;
  private readonly deleteUncertainBefore: Statement;

  constructor(private readonly db: Database) {
    // Points are walked step by step (a recursive CTE in time order) and each step reads its rows
    // through the primary key: grouping by a computed bucket instead would sort every row of a
    // 30-day range in a temp B-tree first. better-sqlite3 binds JS numbers as REAL; the casts keep
    // the step arithmetic integral.
    const steps = `WITH RECURSIVE steps(t) AS (
      SELECT CAST(:origin AS INTEGER)
      UNION ALL SELECT t + CAST(:step AS INTEGER) FROM steps WHERE t + CAST(:step AS INTEGER) < :to)`;
    const perStep = (table: string, column: string, aggregates: string, lower: string) =>
      db.prepare(
        `${steps}
         SELECT s.t AS ts, ${aggregates}
         FROM (SELECT t FROM steps ORDER BY t) s CROSS JOIN ${table} r
         WHERE r.series_id IN (${SERIES_OF_CHANNEL})
           AND r.${column} >= s.t AND r.${column} < s.t + CAST(:step AS INTEGER)
           AND r.${column} >= ${lower} AND r.${column} < :to
         GROUP BY s.t`,
      );
    const rollup = (table: string) =>
      perStep(
        table,
        'bucket',
        `MIN(r.min) AS min, SUM(r.sum) / SUM(r.count) AS avg, MAX(r.max) AS max,
           SUM(r.count) AS count`,
        ':origin',
      );
    this.seriesSql = {
      raw: perStep(
        'telemetry_samples',
        'ts',
        'MIN(r.value) AS min, AVG(r.value) AS avg, MAX(r.value) AS max, COUNT(*) AS count',
        ':from',
      ),
      '1m': rollup(ROLLUP_TABLE['1m']),
      '1h': rollup(ROLLUP_TABLE['1h']),
      '1d': rollup(ROLLUP_TABLE['1d']),
    };
    this.lastSql = db.prepare(
      'SELECT channel, metric_type, ts, value, quality FROM telemetry_last WHERE node_id = ? ORDER BY channel',
    );
    this.channelSeries = db.prepare(
      'SELECT id, metric_type FROM telemetry_series WHERE node_id = ? AND channel = ? ORDER BY id',
    );
    this.pageSql = db.prepare(
      `SELECT s.ts, s.value, ? AS metric_type, ${QUALITY_SQL} AS quality
       FROM telemetry_samples s ${UNCERTAIN_JOIN}
       WHERE s.series_id = ? AND s.ts >= ? AND s.ts < ? ORDER BY s.ts LIMIT ?`,
    );
    this.allSeries = db.prepare('SELECT id FROM telemetry_series').pluck();
    const deleteBefore = (table: TelemetryTable, column: string) =>
      db.prepare(`DELETE FROM ${table} WHERE series_id = ? AND ${column} < ?`);
    this.deleteBefore = {
      telemetry_samples: deleteBefore('telemetry_samples', 'ts'),
      telemetry_1m: deleteBefore('telemetry_1m', 'bucket'),
      telemetry_1h: deleteBefore('telemetry_1h', 'bucket'),
      telemetry_1d: deleteBefore('telemetry_1d', 'bucket'),
    };
    // The quality marks of raw rows go with them (not counted: they are not samples).
    this.deleteUncertainBefore = db.prepare(
      'DELETE FROM telemetry_uncertain WHERE series_id = ? AND ts < ?',
    );
  }

  async series(q: SeriesQuery): Promise<Series> {
    const plan = planBuckets(q.fromMs, q.toMs, q.budget);
    const query = this.seriesSql[plan.source];
    // Read in slices of whole steps, about SLICE_ROWS source rows each, with a turn of the event
    // loop between them: a 30-day series is tens of milliseconds of reading, which would
    // otherwise hold up ingest and the broker in one piece. Each point comes from one slice.
    const resolution = plan.source === 'raw' ? RAW_INTERVAL_MS : RESOLUTION_MS[plan.source];
    const rowsPerStep = Math.max(1, plan.stepMs / resolution);
    const span = Math.max(1, Math.floor(SLICE_ROWS / rowsPerStep)) * plan.stepMs;
    const points: SeriesPoint[] = [];
    for (let origin = plan.originMs; origin < q.toMs; origin += span) {
      if (origin > plan.originMs) await nextTurn();
      const slice = query.all({
        origin,
        step: plan.stepMs,
        node: q.nodeId,
        channel: q.channel,
        from: q.fromMs,
        to: Math.min(q.toMs, origin + span),
      }) as SeriesPoint[];
      for (const point of slice) points.push(point);
    }
    return {
      node_id: q.nodeId,
      channel: q.channel,
      source: plan.source,
      step_ms: plan.stepMs,
      points,
    };
  }

  lastValues(nodeId: number): Promise<LastValue[]> {
    return Promise.resolve(this.lastSql.all(nodeId) as LastValue[]);
  }

  async *rows(
    nodeId: number,
    channel: string,
    fromMs: number,
    toMs: number,
  ): AsyncGenerator<ExportRow> {
    const series = this.channelSeries.all(nodeId, channel) as ChannelSeriesRow[];
    for (const page of this.pages(series, fromMs, toMs)) {
      // A page is one short synchronous query, and the caller formats rows as they come: the
      // event loop turns after every YIELD_ROWS of them, so ingest and the broker keep running
      // during an export of a year.
      for (let i = 0; i < page.length; i += YIELD_ROWS) {
        yield* page.slice(i, i + YIELD_ROWS);
        await nextTurn();
      }
    }
  }

  applyRetention(policy: RetentionPolicy, nowMs: number): Promise<RetentionResult> {
    const deleted = {} as RetentionResult;
    const ids = this.allSeries.all() as number[];
    for (const { table, before } of retentionCutoffs(policy, nowMs)) {
      const remove = this.deleteBefore[table];
      // Series by series through the primary key (there is no index on time); one transaction
      // per table keeps it one commit.
      deleted[table] =
        before === null
          ? 0
          : this.db.transaction(() => {
              let n = 0;
              for (const id of ids) {
                n += remove.run(id, before).changes;
                if (table === 'telemetry_samples') this.deleteUncertainBefore.run(id, before);
              }
              return n;
            })();
    }
    return Promise.resolve(deleted);
  }

  diskUsage(): Promise<TableUsage[]> {
    // dbstat counts every page of the file; index pages are charged to their table.
    return Promise.resolve(
      this.db
        .prepare(
          `SELECT COALESCE(m.tbl_name, d.name) AS "table", SUM(d.pgsize) AS bytes
           FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name
           GROUP BY 1 ORDER BY 2 DESC`,
        )
        .all() as TableUsage[],
    );
  }

  /** The rows of [fromMs, toMs) page by page, in time order across the channel's series. */
  private *pages(series: ChannelSeriesRow[], fromMs: number, toMs: number): Generator<ExportRow[]> {
    if (series.length === 1) {
      // One series: ts is unique in it (primary key), so it alone is the cursor.
      const { id, metric_type } = series[0]!;
      let from = fromMs;
      for (;;) {
        const page = this.pageSql.all(metric_type, id, from, toMs, EXPORT_PAGE_ROWS) as ExportRow[];
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE_ROWS) return;
        from = page.at(-1)!.ts + 1;
      }
    }
    // Several series: each page reads up to a page from every series past the keyset cursor
    // (ts, series id) through its primary key, and merges them in time order.
    let cursor: { ts: number; id: number } | null = null;
    for (;;) {
      const merged: (ExportRow & { id: number })[] = [];
      let exhausted = true;
      for (const { id, metric_type } of series) {
        const from = cursor === null ? fromMs : id > cursor.id ? cursor.ts : cursor.ts + 1;
        const rows = this.pageSql.all(metric_type, id, from, toMs, EXPORT_PAGE_ROWS) as ExportRow[];
        if (rows.length === EXPORT_PAGE_ROWS) exhausted = false;
        for (const row of rows) merged.push({ ...row, id });
      }
      merged.sort((a, b) => a.ts - b.ts || a.id - b.id);
      // A series cut off at a full page has a page of rows up to its last one read, so the first
      // page of the merge never passes a row still unread.
      const page = merged.slice(0, EXPORT_PAGE_ROWS);
      if (page.length > 0) yield page.map(({ id: _, ...row }) => row);
      if (exhausted && merged.length <= EXPORT_PAGE_ROWS) return;
      const last = page.at(-1)!;
      cursor = { ts: last.ts, id: last.id };
    }
  }
}
