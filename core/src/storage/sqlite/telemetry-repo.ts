import type { Database, Statement } from 'better-sqlite3';
import { RESOLUTION_MS } from '../../telemetry/resolution.js';
import type { TelemetryRepo } from '../storage.js';
import type { SampleInput } from '../types.js';

const ROLLUPS = ['1m', '1h', '1d'] as const;

/**
 * Raw samples, the last value per channel and the 1 min / 1 h / 1 d rollups, written together in
 * one transaction per batch. Rollups and the last value change only for samples that were really
 * inserted, so a QoS 1 duplicate is counted once.
 */
export class SqliteTelemetryRepo implements TelemetryRepo {
  private readonly insertRaw: Statement;
  private readonly upsertLast: Statement;
  private readonly upsertRollup: Record<(typeof ROLLUPS)[number], Statement>;

  constructor(private readonly db: Database) {
    this.insertRaw = db.prepare(
      `INSERT OR IGNORE INTO telemetry_samples (node_id, zone_id, channel, metric_type, ts, value, quality)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
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
        `INSERT INTO ${table} (node_id, channel, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (node_id, channel, bucket) DO UPDATE SET
           min = MIN(min, excluded.min), max = MAX(max, excluded.max), sum = sum + excluded.sum,
           count = count + excluded.count`,
      );
    this.upsertRollup = {
      '1m': rollup('telemetry_1m'),
      '1h': rollup('telemetry_1h'),
      '1d': rollup('telemetry_1d'),
    };
  }

  async insertSamples(samples: SampleInput[]): Promise<number> {
    let written = 0;
    this.db.transaction(() => {
      const inserted: SampleInput[] = [];
      for (const s of samples) {
        const { changes } = this.insertRaw.run(
          s.nodeId,
          s.zoneId,
          s.channel,
          s.metricType,
          s.ts,
          s.value,
          s.quality,
        );
        if (changes > 0) inserted.push(s);
      }
      written = inserted.length;
      // Aggregated per batch first: one upsert per bucket and channel, not one per sample.
      for (const r of ROLLUPS) {
        for (const b of aggregate(inserted, RESOLUTION_MS[r])) {
          this.upsertRollup[r].run(b.nodeId, b.channel, b.bucket, b.min, b.max, b.sum, b.count);
        }
      }
      for (const s of newestPerChannel(inserted)) {
        this.upsertLast.run(s.nodeId, s.channel, s.metricType, s.ts, s.value, s.quality);
      }
    })();
    return written;
  }

  async latest(nodeId: number, limit: number): Promise<SampleInput[]> {
    return this.db
      .prepare(
        `SELECT node_id AS nodeId, zone_id AS zoneId, channel, metric_type AS metricType, ts, value, quality
         FROM telemetry_samples WHERE node_id = ? ORDER BY ts DESC LIMIT ?`,
      )
      .all(nodeId, limit) as SampleInput[];
  }
}

interface Bucket {
  nodeId: number;
  channel: string;
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

function aggregate(samples: SampleInput[], width: number): Iterable<Bucket> {
  const buckets = new Map<string, Bucket>();
  for (const s of samples) {
    const bucket = Math.floor(s.ts / width) * width;
    const key = `${s.nodeId}\u0000${s.channel}\u0000${bucket}`;
    const b = buckets.get(key);
    if (!b) {
      buckets.set(key, {
        nodeId: s.nodeId,
        channel: s.channel,
        bucket,
        min: s.value,
        max: s.value,
        sum: s.value,
        count: 1,
      });
      continue;
    }
    b.min = Math.min(b.min, s.value);
    b.max = Math.max(b.max, s.value);
    b.sum += s.value;
    b.count++;
  }
  return buckets.values();
}

function newestPerChannel(samples: SampleInput[]): Iterable<SampleInput> {
  const newest = new Map<string, SampleInput>();
  for (const s of samples) {
    const key = `${s.nodeId}\u0000${s.channel}`;
    const current = newest.get(key);
    if (!current || s.ts > current.ts) newest.set(key, s);
  }
  return newest.values();
}
