import type pg from 'pg';
import type { GreenhouseRepo, NodeEventRepo, TelemetryRepo, ZoneRepo } from '../storage.js';
import type { GreenhouseRecord, NodeEventInput, SampleInput, ZoneRecord } from '../types.js';
import { selectList } from './rows.js';

export class PostgresGreenhouseRepo implements GreenhouseRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(
    input: { uid: string; name: string; timezone: string },
    now: number,
  ): Promise<GreenhouseRecord> {
    const result = await this.pool.query<{ id: number }>(
      'INSERT INTO greenhouses (uid, name, timezone, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [input.uid, input.name, input.timezone, now],
    );
    return { ...input, id: result.rows[0]!.id };
  }

  async byUid(uid: string): Promise<GreenhouseRecord | null> {
    const result = await this.pool.query<GreenhouseRecord>(
      'SELECT id, uid, name, timezone FROM greenhouses WHERE uid = $1',
      [uid],
    );
    return result.rows[0] ?? null;
  }
}

const ZONE_SELECT = `SELECT z.id, z.greenhouse_id AS "greenhouseId", z.uid, z.name, g.uid AS "greenhouseUid"
  FROM zones z JOIN greenhouses g ON g.id = z.greenhouse_id`;

export class PostgresZoneRepo implements ZoneRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(
    input: { greenhouseId: number; uid: string; name: string },
    now: number,
  ): Promise<ZoneRecord> {
    const result = await this.pool.query<{ id: number }>(
      'INSERT INTO zones (greenhouse_id, uid, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [input.greenhouseId, input.uid, input.name, now],
    );
    const zone = await this.byId(result.rows[0]!.id);
    return zone!;
  }

  async byId(id: number): Promise<ZoneRecord | null> {
    const result = await this.pool.query<ZoneRecord>(`${ZONE_SELECT} WHERE z.id = $1`, [id]);
    return result.rows[0] ?? null;
  }

  async byUid(uid: string): Promise<ZoneRecord | null> {
    const result = await this.pool.query<ZoneRecord>(`${ZONE_SELECT} WHERE z.uid = $1`, [uid]);
    return result.rows[0] ?? null;
  }

  async list(): Promise<ZoneRecord[]> {
    const result = await this.pool.query<ZoneRecord>(`${ZONE_SELECT} ORDER BY z.id`);
    return result.rows;
  }
}

const SAMPLE_COLUMNS = selectList<SampleInput>({
  nodeId: true,
  zoneId: true,
  channel: true,
  metricType: true,
  ts: true,
  value: true,
  quality: true,
});

export class PostgresTelemetryRepo implements TelemetryRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insertSamples(samples: SampleInput[]): Promise<number> {
    if (samples.length === 0) return 0;
    // One statement per batch (unnest zips the column arrays into rows). A repeated
    // (node, channel, ts) is a QoS 1 duplicate: keep the first, count only rows written.
    const result = await this.pool.query(
      `INSERT INTO telemetry_samples (node_id, zone_id, channel, metric_type, ts, value, quality)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[],
         $6::double precision[], $7::text[])
       ON CONFLICT DO NOTHING`,
      [
        samples.map((s) => s.nodeId),
        samples.map((s) => s.zoneId),
        samples.map((s) => s.channel),
        samples.map((s) => s.metricType),
        samples.map((s) => s.ts),
        samples.map((s) => s.value),
        samples.map((s) => s.quality),
      ],
    );
    return result.rowCount ?? 0;
  }

  async latest(nodeId: number, limit: number): Promise<SampleInput[]> {
    const result = await this.pool.query<SampleInput>(
      `SELECT ${SAMPLE_COLUMNS} FROM telemetry_samples WHERE node_id = $1 ORDER BY ts DESC LIMIT $2`,
      [nodeId, limit],
    );
    return result.rows;
  }
}

export class PostgresNodeEventRepo implements NodeEventRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insert(e: NodeEventInput): Promise<number> {
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO node_events (node_id, zone_id, channel, type, payload, ts)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.nodeId, e.zoneId, e.channel, e.type, JSON.stringify(e.payload), e.ts],
    );
    return result.rows[0]!.id;
  }
}
