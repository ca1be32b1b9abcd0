import type pg from 'pg';
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
  PostgresFlatRepo,
  refuse,
  type Refusal,
} from './domain-rows.js';
import { inTransaction } from './pool.js';
import { Params, selectList } from './rows.js';

const UID_TAKEN: Refusal = { code: 'uid_taken', message: 'That uid is already in use' };

export class PostgresGreenhouseRepo implements GreenhouseRepo {
  private readonly table: PostgresFlatRepo<GreenhouseRecord>;

  constructor(pool: pg.Pool) {
    this.table = new PostgresFlatRepo<GreenhouseRecord>(pool, {
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

const ZONE_SELECT = `SELECT ${selectList<Omit<ZoneRecord, 'greenhouseUid'>>(
  {
    id: true,
    greenhouseId: true,
    uid: true,
    name: true,
    description: true,
    controlMode: true,
    workflowPhase: true,
    topology: true,
    settings: true,
    createdAt: true,
    updatedAt: true,
  },
  'z',
)}, g.uid AS "greenhouseUid" FROM zones z JOIN greenhouses g ON g.id = z.greenhouse_id`;

export class PostgresZoneRepo implements ZoneRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: ZoneInput, now: number): Promise<ZoneRecord> {
    const result = await refuse(isUniqueViolation, UID_TAKEN, () =>
      this.pool.query<{ id: number }>(
        `INSERT INTO zones (greenhouse_id, uid, name, description, control_mode, topology, settings,
           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [
          input.greenhouseId,
          input.uid,
          input.name,
          input.description ?? null,
          input.controlMode ?? 'auto',
          input.topology ?? 'two_tank',
          JSON.stringify(input.settings ?? {}),
          now,
        ],
      ),
    );
    return (await this.byId(result.rows[0]!.id))!;
  }

  async byId(id: number): Promise<ZoneRecord | null> {
    return (
      (await this.pool.query<ZoneRecord>(`${ZONE_SELECT} WHERE z.id = $1`, [id])).rows[0] ?? null
    );
  }

  async byUid(uid: string): Promise<ZoneRecord | null> {
    return (
      (await this.pool.query<ZoneRecord>(`${ZONE_SELECT} WHERE z.uid = $1`, [uid])).rows[0] ?? null
    );
  }

  async list(filter: { greenhouseId?: number } = {}): Promise<ZoneRecord[]> {
    const result =
      filter.greenhouseId === undefined
        ? await this.pool.query<ZoneRecord>(`${ZONE_SELECT} ORDER BY z.id`)
        : await this.pool.query<ZoneRecord>(
            `${ZONE_SELECT} WHERE z.greenhouse_id = $1 ORDER BY z.id`,
            [filter.greenhouseId],
          );
    return result.rows;
  }

  async update(id: number, patch: ZonePatch, now: number): Promise<ZoneRecord | null> {
    const params = new Params(new Set(['settings']));
    const sets = [...params.assignments(patch), `updated_at = ${params.add(now)}`];
    await this.pool.query(
      `UPDATE zones SET ${sets.join(', ')} WHERE id = ${params.add(id)}`,
      params.values,
    );
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    const inUse = {
      code: 'zone_in_use',
      message: 'Nodes, cycles, telemetry or commands still refer to this zone',
    };
    const result = await refuse(isForeignKeyViolation, inUse, () =>
      this.pool.query('DELETE FROM zones WHERE id = $1', [id]),
    );
    return (result.rowCount ?? 0) > 0;
  }
}

const BINDING_SELECT = `SELECT b.zone_id AS "zoneId", b.role, b.node_id AS "nodeId",
  n.uid AS "nodeUid", b.channel, b.created_at AS "createdAt", b.updated_at AS "updatedAt"
  FROM zone_channel_bindings b JOIN nodes n ON n.id = b.node_id`;

const CHANNEL_IN_USE: Refusal = {
  code: 'binding_channel_in_use',
  message: 'That channel already plays another role',
};

export class PostgresBindingRepo implements BindingRepo {
  constructor(private readonly pool: pg.Pool) {}

  async listForZone(zoneId: number): Promise<BindingRecord[]> {
    const result = await this.pool.query<BindingRecord>(
      `${BINDING_SELECT} WHERE b.zone_id = $1 ORDER BY b.role`,
      [zoneId],
    );
    return result.rows;
  }

  async put(
    input: { zoneId: number; role: BindingRole; nodeId: number; channel: string },
    now: number,
  ): Promise<BindingRecord> {
    await refuse(isUniqueViolation, CHANNEL_IN_USE, () =>
      inTransaction(this.pool, async (client) => {
        const holder = await client.query<{ zone_id: number; role: string }>(
          'SELECT zone_id, role FROM zone_channel_bindings WHERE node_id = $1 AND channel = $2',
          [input.nodeId, input.channel],
        );
        const taken = holder.rows[0];
        if (taken && (taken.zone_id !== input.zoneId || taken.role !== input.role))
          throw new ConflictError(CHANNEL_IN_USE.code, `That channel already plays ${taken.role}`);
        await client.query(
          `INSERT INTO zone_channel_bindings (zone_id, role, node_id, channel, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5)
           ON CONFLICT (zone_id, role) DO UPDATE SET node_id = excluded.node_id,
             channel = excluded.channel, updated_at = excluded.updated_at`,
          [input.zoneId, input.role, input.nodeId, input.channel, now],
        );
      }),
    );
    const result = await this.pool.query<BindingRecord>(
      `${BINDING_SELECT} WHERE b.zone_id = $1 AND b.role = $2`,
      [input.zoneId, input.role],
    );
    return result.rows[0]!;
  }

  async delete(zoneId: number, role: BindingRole): Promise<boolean> {
    const result = await this.pool.query(
      'DELETE FROM zone_channel_bindings WHERE zone_id = $1 AND role = $2',
      [zoneId, role],
    );
    return (result.rowCount ?? 0) > 0;
  }
}
