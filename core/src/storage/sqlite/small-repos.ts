import type { Database } from 'better-sqlite3';
import type { GreenhouseRepo, NodeEventRepo, ZoneRepo } from '../storage.js';
import type { GreenhouseRecord, NodeEventInput, ZoneRecord } from '../types.js';

export class SqliteGreenhouseRepo implements GreenhouseRepo {
  constructor(private readonly db: Database) {}

  async create(
    input: { uid: string; name: string; timezone: string },
    now: number,
  ): Promise<GreenhouseRecord> {
    const result = this.db
      .prepare('INSERT INTO greenhouses (uid, name, timezone, created_at) VALUES (?, ?, ?, ?)')
      .run(input.uid, input.name, input.timezone, now);
    return { ...input, id: Number(result.lastInsertRowid) };
  }

  async byUid(uid: string): Promise<GreenhouseRecord | null> {
    const row = this.db
      .prepare('SELECT id, uid, name, timezone FROM greenhouses WHERE uid = ?')
      .get(uid) as GreenhouseRecord | undefined;
    return row ?? null;
  }
}

const ZONE_SELECT = `SELECT z.id, z.greenhouse_id AS greenhouseId, z.uid, z.name, g.uid AS greenhouseUid
  FROM zones z JOIN greenhouses g ON g.id = z.greenhouse_id`;

export class SqliteZoneRepo implements ZoneRepo {
  constructor(private readonly db: Database) {}

  async create(
    input: { greenhouseId: number; uid: string; name: string },
    now: number,
  ): Promise<ZoneRecord> {
    const result = this.db
      .prepare('INSERT INTO zones (greenhouse_id, uid, name, created_at) VALUES (?, ?, ?, ?)')
      .run(input.greenhouseId, input.uid, input.name, now);
    const zone = await this.byId(Number(result.lastInsertRowid));
    return zone!;
  }

  async byId(id: number): Promise<ZoneRecord | null> {
    return (
      (this.db.prepare(`${ZONE_SELECT} WHERE z.id = ?`).get(id) as ZoneRecord | undefined) ?? null
    );
  }

  async byUid(uid: string): Promise<ZoneRecord | null> {
    return (
      (this.db.prepare(`${ZONE_SELECT} WHERE z.uid = ?`).get(uid) as ZoneRecord | undefined) ?? null
    );
  }

  async list(): Promise<ZoneRecord[]> {
    return this.db.prepare(`${ZONE_SELECT} ORDER BY z.id`).all() as ZoneRecord[];
  }
}

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
