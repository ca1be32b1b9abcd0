import type pg from 'pg';
import type { NodeEventRepo } from '../storage.js';
import type { NodeEventInput } from '../types.js';

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
