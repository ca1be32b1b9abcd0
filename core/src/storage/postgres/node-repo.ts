import type pg from 'pg';
import type { NodeRepo } from '../storage.js';
import type { ChannelRecord, NodeErrorInput, NodePatch, NodeRecord } from '../types.js';
import { inTransaction } from './pool.js';
import { column, Params, selectList } from './rows.js';

const NODE_COLUMNS = selectList<NodeRecord>({
  id: true,
  uid: true,
  hardwareId: true,
  type: true,
  name: true,
  fwVersion: true,
  capabilities: true,
  lifecycleState: true,
  zoneId: true,
  pendingZoneId: true,
  pendingZoneSetAt: true,
  status: true,
  lastSeenAt: true,
  lastHeartbeatAt: true,
  uptimeSeconds: true,
  freeHeapBytes: true,
  rssi: true,
  ip: true,
  nodeSecret: true,
  mqttPassword: true,
  config: true,
  firstSeenAt: true,
  updatedAt: true,
});

const CHANNEL_COLUMNS = selectList<ChannelRecord>({
  channel: true,
  type: true,
  metric: true,
  unit: true,
  actuatorType: true,
  config: true,
});

const ERROR_COLUMNS = selectList<NodeErrorInput>({
  nodeId: true,
  hardwareId: true,
  level: true,
  component: true,
  errorCode: true,
  message: true,
  details: true,
  ts: true,
  receivedAt: true,
});

const NODE_JSON = new Set(['capabilities', 'config']);

export class PostgresNodeRepo implements NodeRepo {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<NodeRecord[]> {
    const result = await this.pool.query<NodeRecord>(
      `SELECT ${NODE_COLUMNS} FROM nodes ORDER BY id`,
    );
    return result.rows;
  }

  byId(id: number): Promise<NodeRecord | null> {
    return this.one('id', id);
  }

  byUid(uid: string): Promise<NodeRecord | null> {
    return this.one('uid', uid);
  }

  byHardwareId(hardwareId: string): Promise<NodeRecord | null> {
    return this.one('hardware_id', hardwareId);
  }

  async create(input: Omit<NodeRecord, 'id'>): Promise<NodeRecord> {
    const params = new Params(NODE_JSON);
    const fields = Object.keys(input);
    const placeholders = fields.map((f) => params.add(input[f as keyof typeof input], f));
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO nodes (${fields.map(column).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
      params.values,
    );
    return { ...input, id: result.rows[0]!.id };
  }

  async update(id: number, patch: NodePatch): Promise<NodeRecord> {
    const params = new Params(NODE_JSON);
    const sets = params.assignments(patch);
    const result =
      sets.length > 0
        ? await this.pool.query<NodeRecord>(
            `UPDATE nodes SET ${sets.join(', ')} WHERE id = ${params.add(id)} RETURNING ${NODE_COLUMNS}`,
            params.values,
          )
        : await this.pool.query<NodeRecord>(`SELECT ${NODE_COLUMNS} FROM nodes WHERE id = $1`, [
            id,
          ]);
    const node = result.rows[0];
    if (!node) throw new Error(`node ${id} does not exist`);
    return node;
  }

  async replaceChannels(nodeId: number, channels: ChannelRecord[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM node_channels WHERE node_id = $1', [nodeId]);
      if (channels.length === 0) return;
      // One statement for the whole set: unnest zips the column arrays into rows.
      await client.query(
        `INSERT INTO node_channels (node_id, channel, type, metric, unit, actuator_type, config)
         SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
        [
          nodeId,
          channels.map((c) => c.channel),
          channels.map((c) => c.type),
          channels.map((c) => c.metric),
          channels.map((c) => c.unit),
          channels.map((c) => c.actuatorType),
          channels.map((c) => JSON.stringify(c.config)),
        ],
      );
    });
  }

  async channels(nodeId: number): Promise<ChannelRecord[]> {
    const result = await this.pool.query<ChannelRecord>(
      `SELECT ${CHANNEL_COLUMNS} FROM node_channels WHERE node_id = $1 ORDER BY channel`,
      [nodeId],
    );
    return result.rows;
  }

  async addError(e: NodeErrorInput): Promise<void> {
    await this.pool.query(
      `INSERT INTO node_errors (node_id, hardware_id, level, component, error_code, message, details, ts, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.nodeId,
        e.hardwareId,
        e.level,
        e.component,
        e.errorCode,
        e.message,
        e.details === null ? null : JSON.stringify(e.details),
        e.ts,
        e.receivedAt,
      ],
    );
  }

  async adoptErrors(hardwareId: string, nodeId: number): Promise<number> {
    const result = await this.pool.query(
      'UPDATE node_errors SET node_id = $1 WHERE node_id IS NULL AND hardware_id = $2',
      [nodeId, hardwareId],
    );
    return result.rowCount ?? 0;
  }

  async errors(nodeId: number, limit: number): Promise<NodeErrorInput[]> {
    const result = await this.pool.query<NodeErrorInput>(
      `SELECT ${ERROR_COLUMNS} FROM node_errors WHERE node_id = $1 ORDER BY id DESC LIMIT $2`,
      [nodeId, limit],
    );
    return result.rows;
  }

  private async one(where: string, value: unknown): Promise<NodeRecord | null> {
    const result = await this.pool.query<NodeRecord>(
      `SELECT ${NODE_COLUMNS} FROM nodes WHERE ${where} = $1`,
      [value],
    );
    return result.rows[0] ?? null;
  }
}
