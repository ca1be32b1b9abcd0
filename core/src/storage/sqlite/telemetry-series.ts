import type { Database, Statement } from 'better-sqlite3';
import type { SampleInput } from '../types.js';

/**
 * A sample's quality as stored: good unless its (series_id, ts) is listed in telemetry_uncertain
 * (migration 0007). Selects that answer domain rows join it as `u` onto samples as `s`.
 */
export const UNCERTAIN_JOIN =
  'LEFT JOIN telemetry_uncertain u ON u.series_id = s.series_id AND u.ts = s.ts';
export const QUALITY_SQL = `CASE WHEN u.ts IS NULL THEN 'good' ELSE 'uncertain' END`;

/** A rollup bucket being aggregated from one batch. */
export interface Bucket {
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/** Every series of one node channel (several once the node changed zone or metric type). */
export interface ChannelSeries {
  readonly nodeId: number;
  readonly channel: string;
  /** Oldest first. */
  readonly series: SeriesEntry[];
  /** Writer scratch: the batch that last touched the channel, and its newest sample in it. */
  batch: number;
  newest: SampleInput | null;
}

export interface SeriesEntry {
  readonly id: number;
  readonly zoneId: number | null;
  readonly metricType: string;
  readonly owner: ChannelSeries;
  /**
   * Writer scratch, kept on the entry so a sample costs no map lookups: the batch that last
   * touched the series and the minute buckets it aggregated in it.
   */
  batch: number;
  minutes: Bucket[];
}

interface SeriesRow {
  id: number;
  zone_id: number | null;
  metric_type: string;
}

/**
 * The series ids of the telemetry tables, cached in memory: a batch resolves each sample with two
 * map lookups, and a series row is created the first time its (node, channel, zone, metric) is
 * seen. The cache is the single writer's view; `forget()` drops it when a write transaction rolled
 * back, since series created inside it no longer exist.
 */
export class SeriesCatalog {
  private readonly byNode = new Map<number, Map<string, ChannelSeries>>();
  private readonly selectChannel: Statement;
  private readonly insertSeries: Statement;
  private readonly selectSeries: Statement;

  constructor(db: Database) {
    this.selectChannel = db.prepare(
      'SELECT id, zone_id, metric_type FROM telemetry_series WHERE node_id = ? AND channel = ? ORDER BY id',
    );
    this.insertSeries = db.prepare(
      'INSERT OR IGNORE INTO telemetry_series (node_id, zone_id, channel, metric_type) VALUES (?, ?, ?, ?)',
    );
    this.selectSeries = db.prepare(
      `SELECT id, zone_id, metric_type FROM telemetry_series
       WHERE node_id = ? AND channel = ? AND ifnull(zone_id, 0) = ifnull(?, 0) AND metric_type = ?`,
    );
  }

  /** The series a sample belongs to, created on first sight (inside the caller's transaction). */
  resolve(sample: SampleInput): SeriesEntry {
    const owner = this.channel(sample.nodeId, sample.channel);
    for (const entry of owner.series) {
      if (entry.zoneId === sample.zoneId && entry.metricType === sample.metricType) return entry;
    }
    const { nodeId, channel, zoneId, metricType } = sample;
    this.insertSeries.run(nodeId, zoneId, channel, metricType);
    const row = this.selectSeries.get(nodeId, channel, zoneId, metricType) as SeriesRow;
    const entry = seriesEntry(row, owner);
    owner.series.push(entry);
    return entry;
  }

  forget(): void {
    this.byNode.clear();
  }

  private channel(nodeId: number, channel: string): ChannelSeries {
    let channels = this.byNode.get(nodeId);
    if (channels === undefined) {
      channels = new Map();
      this.byNode.set(nodeId, channels);
    }
    let owner = channels.get(channel);
    if (owner === undefined) {
      const series: SeriesEntry[] = [];
      owner = { nodeId, channel, series, batch: 0, newest: null };
      for (const row of this.selectChannel.all(nodeId, channel) as SeriesRow[])
        series.push(seriesEntry(row, owner));
      channels.set(channel, owner);
    }
    return owner;
  }
}

function seriesEntry(row: SeriesRow, owner: ChannelSeries): SeriesEntry {
  return {
    id: row.id,
    zoneId: row.zone_id,
    metricType: row.metric_type,
    owner,
    batch: 0,
    minutes: [],
  };
}
