import type pg from 'pg';
import { RESOLUTION_MS } from '../../telemetry/resolution.js';
import type { TelemetryRepo } from '../storage.js';
import type { SampleInput } from '../types.js';
import { selectList } from './rows.js';

const SAMPLE_COLUMNS = selectList<SampleInput>({
  nodeId: true,
  zoneId: true,
  channel: true,
  metricType: true,
  ts: true,
  value: true,
  quality: true,
});

/** An upsert of the batch's buckets of one width into its rollup table, from the `fresh` CTE. */
function rollup(name: string, table: string, width: number): string {
  return `${name} AS (
    INSERT INTO ${table} (node_id, channel, bucket, min, max, sum, count)
    SELECT node_id, channel, ts / ${width} * ${width}, MIN(value), MAX(value), SUM(value), COUNT(*)
    FROM fresh GROUP BY 1, 2, 3
    ON CONFLICT (node_id, channel, bucket) DO UPDATE SET
      min = LEAST(${table}.min, excluded.min), max = GREATEST(${table}.max, excluded.max),
      sum = ${table}.sum + excluded.sum, count = ${table}.count + excluded.count
  )`;
}

/**
 * One statement per batch, so one transaction and one round trip: the raw insert returns the rows
 * really written (a QoS 1 duplicate of a stored (node, channel, ts) returns nothing), and only
 * those feed the rollups, aggregated per bucket, and the last values. The last value moves only
 * to a newer timestamp, so out-of-order samples never replace it.
 */
const INSERT_BATCH = `WITH fresh AS (
    INSERT INTO telemetry_samples (node_id, zone_id, channel, metric_type, ts, value, quality)
    SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[],
      $6::double precision[], $7::text[])
    ON CONFLICT DO NOTHING
    RETURNING node_id, channel, metric_type, ts, value, quality
  ),
  ${rollup('m', 'telemetry_1m', RESOLUTION_MS['1m'])},
  ${rollup('h', 'telemetry_1h', RESOLUTION_MS['1h'])},
  ${rollup('d', 'telemetry_1d', RESOLUTION_MS['1d'])},
  last AS (
    INSERT INTO telemetry_last (node_id, channel, metric_type, ts, value, quality)
    SELECT DISTINCT ON (node_id, channel) node_id, channel, metric_type, ts, value, quality
    FROM fresh ORDER BY node_id, channel, ts DESC
    ON CONFLICT (node_id, channel) DO UPDATE SET
      metric_type = excluded.metric_type, ts = excluded.ts, value = excluded.value,
      quality = excluded.quality
    WHERE telemetry_last.ts < excluded.ts
  )
  SELECT count(*)::integer AS written FROM fresh`;

export class PostgresTelemetryRepo implements TelemetryRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insertSamples(samples: SampleInput[]): Promise<number> {
    if (samples.length === 0) return 0;
    // unnest zips the column arrays into rows; a (node, channel, ts) repeated inside the batch
    // keeps its first occurrence, like SQLite's INSERT OR IGNORE.
    const result = await this.pool.query<{ written: number }>(INSERT_BATCH, [
      samples.map((s) => s.nodeId),
      samples.map((s) => s.zoneId),
      samples.map((s) => s.channel),
      samples.map((s) => s.metricType),
      samples.map((s) => s.ts),
      samples.map((s) => s.value),
      samples.map((s) => s.quality),
    ]);
    return result.rows[0]!.written;
  }

  async latest(nodeId: number, limit: number): Promise<SampleInput[]> {
    const result = await this.pool.query<SampleInput>(
      `SELECT ${SAMPLE_COLUMNS} FROM telemetry_samples WHERE node_id = $1 ORDER BY ts DESC LIMIT $2`,
      [nodeId, limit],
    );
    return result.rows;
  }
}
