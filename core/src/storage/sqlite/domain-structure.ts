import type { Database } from 'better-sqlite3';
import type { BindingRole } from '../../contracts/bindings.js';
import { ConflictError } from '../../domain/errors.js';
import type {
  BindingRecord,
  BindingRepo,
  GreenhouseInput,
  GreenhousePatch,
  GreenhouseRecord,
  GreenhouseRepo,
  ZoneInput,
  ZonePatch,
  ZoneRecord,
  ZoneRepo,
} from '../domain-types.js';
import {
  isForeignKeyViolation,
  isUniqueViolation,
  refuse,
  SqliteFlatRepo,
  type Refusal,
} from './domain-rows.js';
import { column, fromJson } from './rows.js';

const UID_TAKEN: Refusal = { code: 'uid_taken', message: 'That uid is already in use' };

export class SqliteGreenhouseRepo implements GreenhouseRepo {
  private readonly table: SqliteFlatRepo<GreenhouseRecord>;

  constructor(db: Database) {
    this.table = new SqliteFlatRepo<GreenhouseRecord>(db, {
      table: 'greenhouses',
      fields: ['uid', 'name', 'timezone', 'description'],
      unique: UID_TAKEN,
      inUse: { code: 'greenhouse_has_zones', message: 'Delete or move its zones first' },
    });
  }

  create(input: GreenhouseInput, now: number): Promise<GreenhouseRecord> {
    return this.table.create({ ...input, description: input.description ?? null }, now);
  }

  byId(id: number): Promise<GreenhouseRecord | null> {
    return this.table.byId(id);
  }

  byUid(uid: string): Promise<GreenhouseRecord | null> {
    return this.table.findBy('uid', uid);
  }

  list(): Promise<GreenhouseRecord[]> {
    return this.table.list();
  }

  update(id: number, patch: GreenhousePatch, now: number): Promise<GreenhouseRecord | null> {
    return this.table.update(id, patch, now);
  }

  delete(id: number): Promise<boolean> {
    return this.table.delete(id);
  }
}

interface ZoneRow extends Omit<ZoneRecord, 'settings'> {
  settings: string;
}

const ZONE_SELECT = `SELECT z.id, z.greenhouse_id AS greenhouseId, z.uid, z.name,
  g.uid AS greenhouseUid, z.description, z.control_mode AS controlMode,
  z.workflow_phase AS workflowPhase, z.topology, z.settings, z.created_at AS createdAt,
  z.updated_at AS updatedAt
  FROM zones z JOIN greenhouses g ON g.id = z.greenhouse_id`;

const toZone = (row: ZoneRow): ZoneRecord => ({
  ...row,
  settings: fromJson<ZoneRecord['settings']>(row.settings) ?? {},
});

export class SqliteZoneRepo implements ZoneRepo {
  constructor(private readonly db: Database) {}

  async create(input: ZoneInput, now: number): Promise<ZoneRecord> {
    const result = refuse(isUniqueViolation, UID_TAKEN, () =>
      this.db
        .prepare(
          `INSERT INTO zones (greenhouse_id, uid, name, description, control_mode, topology,
            settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.greenhouseId,
          input.uid,
          input.name,
          input.description ?? null,
          input.controlMode ?? 'auto',
          input.topology ?? 'two_tank',
          JSON.stringify(input.settings ?? {}),
          now,
          now,
        ),
    );
    return (await this.byId(Number(result.lastInsertRowid)))!;
  }

  async byId(id: number): Promise<ZoneRecord | null> {
    return this.one(`${ZONE_SELECT} WHERE z.id = ?`, id);
  }

  async byUid(uid: string): Promise<ZoneRecord | null> {
    return this.one(`${ZONE_SELECT} WHERE z.uid = ?`, uid);
  }

  async list(filter: { greenhouseId?: number } = {}): Promise<ZoneRecord[]> {
    const rows =
      filter.greenhouseId === undefined
        ? this.db.prepare(`${ZONE_SELECT} ORDER BY z.id`).all()
        : this.db
            .prepare(`${ZONE_SELECT} WHERE z.greenhouse_id = ? ORDER BY z.id`)
            .all(filter.greenhouseId);
    return (rows as ZoneRow[]).map(toZone);
  }

  async update(id: number, patch: ZonePatch, now: number): Promise<ZoneRecord | null> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = [...entries.map(([field]) => `${column(field)} = ?`), 'updated_at = ?'];
    const values = entries.map(([field, value]) =>
      field === 'settings' ? JSON.stringify(value) : (value as unknown),
    );
    this.db.prepare(`UPDATE zones SET ${sets.join(', ')} WHERE id = ?`).run(...values, now, id);
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    const inUse = {
      code: 'zone_in_use',
      message: 'Nodes, cycles, telemetry or commands still refer to this zone',
    };
    const result = refuse(isForeignKeyViolation, inUse, () =>
      this.db.prepare('DELETE FROM zones WHERE id = ?').run(id),
    );
    return result.changes > 0;
  }

  private one(sql: string, key: number | string): ZoneRecord | null {
    const row = this.db.prepare(sql).get(key) as ZoneRow | undefined;
    return row ? toZone(row) : null;
  }
}

const BINDING_SELECT = `SELECT b.zone_id AS zoneId, b.role, b.node_id AS nodeId, n.uid AS nodeUid,
  b.channel, b.created_at AS createdAt, b.updated_at AS updatedAt
  FROM zone_channel_bindings b JOIN nodes n ON n.id = b.node_id`;

const CHANNEL_IN_USE: Refusal = {
  code: 'binding_channel_in_use',
  message: 'That channel already plays another role',
};

export class SqliteBindingRepo implements BindingRepo {
  constructor(private readonly db: Database) {}

  async listForZone(zoneId: number): Promise<BindingRecord[]> {
    return this.db
      .prepare(`${BINDING_SELECT} WHERE b.zone_id = ? ORDER BY b.role`)
      .all(zoneId) as BindingRecord[];
  }

  async put(
    input: { zoneId: number; role: BindingRole; nodeId: number; channel: string },
    now: number,
  ): Promise<BindingRecord> {
    refuse(isUniqueViolation, CHANNEL_IN_USE, () =>
      this.db.transaction(() => {
        const holder = this.db
          .prepare(
            'SELECT zone_id, role FROM zone_channel_bindings WHERE node_id = ? AND channel = ?',
          )
          .get(input.nodeId, input.channel) as { zone_id: number; role: string } | undefined;
        if (holder && (holder.zone_id !== input.zoneId || holder.role !== input.role))
          throw new ConflictError(CHANNEL_IN_USE.code, `That channel already plays ${holder.role}`);
        this.db
          .prepare(
            `INSERT INTO zone_channel_bindings (zone_id, role, node_id, channel, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (zone_id, role) DO UPDATE SET node_id = excluded.node_id,
               channel = excluded.channel, updated_at = excluded.updated_at`,
          )
          .run(input.zoneId, input.role, input.nodeId, input.channel, now, now);
      })(),
    );
    return this.db
      .prepare(`${BINDING_SELECT} WHERE b.zone_id = ? AND b.role = ?`)
      .get(input.zoneId, input.role) as BindingRecord;
  }

  async delete(zoneId: number, role: BindingRole): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM zone_channel_bindings WHERE zone_id = ? AND role = ?')
        .run(zoneId, role).changes > 0
    );
  }
}
