import type { Source } from '../telemetry/resolution.js';

/**
 * History reads and housekeeping over the telemetry store, one interface for both dialects. The
 * store picks raw samples or a rollup by range (telemetry/resolution.ts) and merges buckets up to
 * the step that fits the point budget, so a client never receives raw weeks.
 */
export interface TelemetryHistory {
  /** One channel's bucketed min/avg/max over [fromMs, toMs), at most `budget` points. */
  series(q: SeriesQuery): Promise<Series>;
  /** The newest sample per channel of a node, by channel name (binary order). */
  lastValues(nodeId: number): Promise<LastValue[]>;
  /**
   * Raw samples of [fromMs, toMs) in time order, read page by page: an export of a year never
   * holds the range in memory.
   */
  rows(nodeId: number, channel: string, fromMs: number, toMs: number): AsyncIterable<ExportRow>;
  /** Delete what the policy says is due at `nowMs`; the rows deleted per table. */
  applyRetention(policy: RetentionPolicy, nowMs: number): Promise<RetentionResult>;
  /** Bytes on disk per table (indexes included), largest first. */
  diskUsage(): Promise<TableUsage[]>;
}

export interface SeriesQuery {
  nodeId: number;
  channel: string;
  fromMs: number;
  toMs: number;
  /** At most this many points come back. */
  budget: number;
}

export interface SeriesPoint {
  /** Start of the bucket (Unix ms). */
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

export interface LastValue {
  channel: string;
  metric_type: string;
  ts: number;
  value: number;
  quality: string;
}

export interface ExportRow {
  ts: number;
  value: number;
  metric_type: string;
  quality: string;
}

export interface RetentionPolicy {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  /** null keeps daily rollups forever. */
  dayDays: number | null;
}

export type TelemetryTable = 'telemetry_samples' | 'telemetry_1m' | 'telemetry_1h' | 'telemetry_1d';

/** Rows deleted per table (0 for a table kept forever). */
export type RetentionResult = Record<TelemetryTable, number>;

export interface TableUsage {
  table: string;
  bytes: number;
}

/** Rows per page of an export: one short query each, so a long export never stalls ingest. */
export const EXPORT_PAGE_ROWS = 5000;

const DAY_MS = 86_400_000;

/** Each table with its time column and the cut-off before which its rows are due. */
export function retentionCutoffs(
  policy: RetentionPolicy,
  nowMs: number,
): { table: TelemetryTable; column: 'ts' | 'bucket'; before: number | null }[] {
  const cut = (days: number) => nowMs - days * DAY_MS;
  return [
    { table: 'telemetry_samples', column: 'ts', before: cut(policy.rawDays) },
    { table: 'telemetry_1m', column: 'bucket', before: cut(policy.minuteDays) },
    { table: 'telemetry_1h', column: 'bucket', before: cut(policy.hourDays) },
    {
      table: 'telemetry_1d',
      column: 'bucket',
      before: policy.dayDays === null ? null : cut(policy.dayDays),
    },
  ];
}
