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
        `INSERT INTO ${table} (node_id, channel, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?, 1)
         ON CONFLICT (node_id, channel, bucket) DO UPDATE SET
           min = MIN(min, excluded.min), max = MAX(max, excluded.max), sum = sum + excluded.sum, count = count + 1`,
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
      for (const s of samples) {
        const changes = this.insertRaw.run(
          s.nodeId,
          s.zoneId,
          s.channel,
          s.metricType,
          s.ts,
          s.value,
          s.quality,
        ).changes;
        if (changes === 0) continue;
        written += changes;
        this.upsertLast.run(s.nodeId, s.channel, s.metricType, s.ts, s.value, s.quality);
        for (const r of ROLLUPS) {
          const bucket = Math.floor(s.ts / RESOLUTION_MS[r]) * RESOLUTION_MS[r];
          this.upsertRollup[r].run(s.nodeId, s.channel, bucket, s.value, s.value, s.value);
        }
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
