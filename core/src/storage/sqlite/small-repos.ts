import type { Database } from 'better-sqlite3';
import type { NodeEventRepo } from '../storage.js';
import type { NodeEventInput } from '../types.js';

export class SqliteNodeEventRepo implements NodeEventRepo {
  constructor(private readonly db: Database) {}

  async insert(e: NodeEventInput): Promise<number> {
    const result = this.db
      .prepare(
        'INSERT INTO node_events (node_id, zone_id, channel, type, payload, ts) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(e.nodeId, e.zoneId, e.channel, e.type, JSON.stringify(e.payload), e.ts);
    return Number(result.lastInsertRowid);
  }
}
