import type { Database, Statement } from 'better-sqlite3';
import { RESOLUTION_MS } from '../../telemetry/resolution.js';
import type { TelemetryRepo } from '../storage.js';
import type { SampleInput } from '../types.js';
import {
  QUALITY_SQL,
  SeriesCatalog,
  UNCERTAIN_JOIN,
  type Bucket,
  type ChannelSeries,
  type SeriesEntry,
} from './telemetry-series.js';

const MINUTE = RESOLUTION_MS['1m'];
const COARSER = [
  ['telemetry_1h', RESOLUTION_MS['1h']],
  ['telemetry_1d', RESOLUTION_MS['1d']],
] as const;
type RollupTable = 'telemetry_1m' | (typeof COARSER)[number][0];
type NodeSeriesRow = Pick<SampleInput, 'zoneId' | 'channel' | 'metricType'> & { id: number };
type NewestRow = Pick<SampleInput, 'ts' | 'value' | 'quality'>;

/**
 * Raw samples, the last value per channel and the 1 min / 1 h / 1 d rollups, written together in
 * one transaction per batch. Rollups and the last value change only for samples that were really
 * inserted, so a QoS 1 duplicate is counted once. A (node, channel, ts) is stored once even across
 * the channel's series (a redelivery after a zone move is still a duplicate).
 */
export class SqliteTelemetryRepo implements TelemetryRepo {
  private readonly catalog: SeriesCatalog;
  private readonly insertRaw: Statement;
  private readonly insertGuarded: Statement;
  private readonly insertUncertain: Statement;
  private readonly upsertLast: Statement;
  private readonly upsertRollup: Record<RollupTable, Statement>;
  private readonly seriesOfNode: Statement;
  private readonly newestOfSeries: Statement;
  private readonly writeBatch: (samples: SampleInput[]) => number;
  /** Numbers the batches, so series scratch left from an earlier batch is recognised as stale. */
  private batches = 0;

  constructor(db: Database) {
    this.catalog = new SeriesCatalog(db);
    this.insertRaw = db.prepare(
      'INSERT OR IGNORE INTO telemetry_samples (series_id, ts, value) VALUES (?, ?, ?)',
    );
    // Only for channels with more than one series: the primary key cannot see the siblings.
    this.insertGuarded = db.prepare(
      `INSERT OR IGNORE INTO telemetry_samples (series_id, ts, value)
       SELECT ?, ?, ? WHERE NOT EXISTS (
         SELECT 1 FROM telemetry_samples WHERE ts = ? AND series_id IN (
           SELECT id FROM telemetry_series WHERE node_id = ? AND channel = ?))`,
    );
    this.insertUncertain = db.prepare(
      'INSERT INTO telemetry_uncertain (series_id, ts) VALUES (?, ?)',
    );
    // Out-of-order samples must never replace a newer last value.
    this.upsertLast = db.prepare(
      `INSERT INTO telemetry_last (node_id, channel, metric_type, ts, value, quality) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (node_id, channel) DO UPDATE SET
         metric_type = excluded.metric_type, ts = excluded.ts, value = excluded.value, quality = excluded.quality
       WHERE excluded.ts > telemetry_last.ts`,
    );
    const rollup = (table: string) =>
      db.prepare(
        `INSERT INTO ${table} (series_id, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (series_id, bucket) DO UPDATE SET
           min = MIN(min, excluded.min), max = MAX(max, excluded.max), sum = sum + excluded.sum,
           count = count + excluded.count`,
      );
    this.upsertRollup = {
      telemetry_1m: rollup('telemetry_1m'),
      telemetry_1h: rollup('telemetry_1h'),
      telemetry_1d: rollup('telemetry_1d'),
    };
    this.seriesOfNode = db.prepare(
      'SELECT id, zone_id AS zoneId, channel, metric_type AS metricType FROM telemetry_series WHERE node_id = ?',
    );
    this.newestOfSeries = db.prepare(
      `SELECT s.ts, s.value, ${QUALITY_SQL} AS quality FROM telemetry_samples s ${UNCERTAIN_JOIN}
       WHERE s.series_id = ? ORDER BY s.ts DESC LIMIT ?`,
    );
    this.writeBatch = db.transaction((samples: SampleInput[]) => this.write(samples));
  }

  async insertSamples(samples: SampleInput[]): Promise<number> {
    if (samples.length === 0) return 0;
    try {
      return this.writeBatch(samples);
    } catch (error) {
      // The transaction rolled back, and with it any series created in it.
      this.catalog.forget();
      throw error;
    }
  }

  latest(nodeId: number, limit: number): Promise<SampleInput[]> {
    // Each series' newest rows through its primary key, then merged: no index on ts is needed.
    const rows: SampleInput[] = [];
    for (const { id, ...series } of this.seriesOfNode.all(nodeId) as NodeSeriesRow[]) {
      for (const r of this.newestOfSeries.all(id, limit) as NewestRow[])
        rows.push({ nodeId, ...series, ...r });
    }
    return Promise.resolve(rows.sort((a, b) => b.ts - a.ts).slice(0, limit));
  }

  private write(samples: SampleInput[]): number {
    // Aggregated per batch first (on each series' scratch, no map lookups per sample): one
    // upsert per bucket and series, one last-value upsert per channel.
    const batch = ++this.batches;
    const touched: SeriesEntry[] = [];
    const channels: ChannelSeries[] = [];
    let written = 0;
    for (const s of samples) {
      const series = this.catalog.resolve(s);
      const { ts, value } = s;
      const { changes } =
        series.owner.series.length === 1
          ? this.insertRaw.run(series.id, ts, value)
          : this.insertGuarded.run(series.id, ts, value, ts, s.nodeId, s.channel);
      if (changes === 0) continue;
      written++;
      if (s.quality !== 'good') this.insertUncertain.run(series.id, ts);
      if (series.batch !== batch) {
        series.batch = batch;
        series.minutes = [];
        touched.push(series);
      }
      addToMinute(series.minutes, Math.floor(ts / MINUTE) * MINUTE, value);
      const owner = series.owner;
      if (owner.batch !== batch) {
        owner.batch = batch;
        owner.newest = s;
        channels.push(owner);
      } else if (ts > owner.newest!.ts) owner.newest = s;
    }
    for (const series of touched) {
      this.upsertBuckets('telemetry_1m', series.id, series.minutes);
      for (const [table, width] of COARSER)
        this.upsertBuckets(table, series.id, merged(series.minutes, width));
    }
    for (const { nodeId, channel, newest } of channels) {
      const s = newest!;
      this.upsertLast.run(nodeId, channel, s.metricType, s.ts, s.value, s.quality);
    }
    return written;
  }

  private upsertBuckets(table: RollupTable, seriesId: number, buckets: Iterable<Bucket>): void {
    const upsert = this.upsertRollup[table];
    for (const b of buckets) upsert.run(seriesId, b.bucket, b.min, b.max, b.sum, b.count);
  }
}

/**
 * Fold a value into its minute. Samples mostly arrive in time order, so the newest minute is
 * checked first; the search is linear in the minutes of one series in one batch.
 */
function addToMinute(minutes: Bucket[], bucket: number, value: number): void {
  for (let i = minutes.length - 1; i >= 0; i--) {
    const b = minutes[i]!;
    if (b.bucket !== bucket) continue;
    if (value < b.min) b.min = value;
    if (value > b.max) b.max = value;
    b.sum += value;
    b.count++;
    return;
  }
  minutes.push({ bucket, min: value, max: value, sum: value, count: 1 });
}

/** Minute buckets merged into buckets of `width` (a multiple of a minute). */
function merged(minutes: Iterable<Bucket>, width: number): Iterable<Bucket> {
  const out = new Map<number, Bucket>();
  for (const m of minutes) {
    const bucket = Math.floor(m.bucket / width) * width;
    const b = out.get(bucket);
    if (b === undefined) out.set(bucket, { ...m, bucket });
    else {
      b.min = Math.min(b.min, m.min);
      b.max = Math.max(b.max, m.max);
      b.sum += m.sum;
      b.count += m.count;
    }
  }
  return out.values();
}
