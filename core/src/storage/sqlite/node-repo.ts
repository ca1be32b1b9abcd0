import type { Database } from 'better-sqlite3';
import type { NodeRepo } from '../storage.js';
import type { ChannelRecord, NodeErrorInput, NodePatch, NodeRecord } from '../types.js';
import { column, fromJson, toJson } from './rows.js';

interface NodeRow {
  id: number;
  uid: string;
  hardware_id: string;
  type: string;
  name: string | null;
  fw_version: string | null;
  capabilities: string;
  lifecycle_state: NodeRecord['lifecycleState'];
  zone_id: number | null;
  pending_zone_id: number | null;
  pending_zone_set_at: number | null;
  status: 'online' | 'offline';
  last_seen_at: number | null;
  last_heartbeat_at: number | null;
  uptime_seconds: number | null;
  free_heap_bytes: number | null;
  rssi: number | null;
  ip: string | null;
  node_secret: string;
  mqtt_password: string;
  config: string | null;
  first_seen_at: number;
  updated_at: number;
}

const JSON_FIELDS = new Set(['capabilities', 'config']);

function toRecord(row: NodeRow): NodeRecord {
  return {
    id: row.id,
    uid: row.uid,
    hardwareId: row.hardware_id,
    type: row.type,
    name: row.name,
    fwVersion: row.fw_version,
    capabilities: fromJson<string[]>(row.capabilities) ?? [],
    lifecycleState: row.lifecycle_state,
    zoneId: row.zone_id,
    pendingZoneId: row.pending_zone_id,
    pendingZoneSetAt: row.pending_zone_set_at,
    status: row.status,
    lastSeenAt: row.last_seen_at,
    lastHeartbeatAt: row.last_heartbeat_at,
    uptimeSeconds: row.uptime_seconds,
    freeHeapBytes: row.free_heap_bytes,
    rssi: row.rssi,
    ip: row.ip,
    nodeSecret: row.node_secret,
    mqttPassword: row.mqtt_password,
    config: fromJson<Record<string, unknown>>(row.config),
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

function sqlValue(field: string, value: unknown): unknown {
  return JSON_FIELDS.has(field) ? toJson(value) : value;
}

export class SqliteNodeRepo implements NodeRepo {
  constructor(private readonly db: Database) {}

  async list(): Promise<NodeRecord[]> {
    const rows = this.db.prepare('SELECT * FROM nodes ORDER BY id').all() as NodeRow[];
    return rows.map(toRecord);
  }

  async byId(id: number): Promise<NodeRecord | null> {
    return this.one('SELECT * FROM nodes WHERE id = ?', id);
  }

  async byUid(uid: string): Promise<NodeRecord | null> {
    return this.one('SELECT * FROM nodes WHERE uid = ?', uid);
  }

  async byHardwareId(hardwareId: string): Promise<NodeRecord | null> {
    return this.one('SELECT * FROM nodes WHERE hardware_id = ?', hardwareId);
  }

  async create(input: Omit<NodeRecord, 'id'>): Promise<NodeRecord> {
    const fields = Object.keys(input);
    const sql = `INSERT INTO nodes (${fields.map(column).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`;
    const values = fields.map((f) => sqlValue(f, input[f as keyof typeof input]));
    const id = Number(this.db.prepare(sql).run(...values).lastInsertRowid);
    return { ...input, id };
  }

  async update(id: number, patch: NodePatch): Promise<NodeRecord> {
    const fields = Object.keys(patch).filter((f) => patch[f as keyof NodePatch] !== undefined);
    if (fields.length > 0) {
      const sets = fields.map((f) => `${column(f)} = ?`).join(', ');
      const values = fields.map((f) => sqlValue(f, patch[f as keyof NodePatch]));
      this.db.prepare(`UPDATE nodes SET ${sets} WHERE id = ?`).run(...values, id);
    }
    const node = this.one('SELECT * FROM nodes WHERE id = ?', id);
    if (!node) throw new Error(`node ${id} does not exist`);
    return node;
  }

  async replaceChannels(nodeId: number, channels: ChannelRecord[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO node_channels (node_id, channel, type, metric, unit, actuator_type, config) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM node_channels WHERE node_id = ?').run(nodeId);
      for (const c of channels) {
        insert.run(
          nodeId,
          c.channel,
          c.type,
          c.metric,
          c.unit,
          c.actuatorType,
          JSON.stringify(c.config),
        );
      }
    })();
  }

  async channels(nodeId: number): Promise<ChannelRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT channel, type, metric, unit, actuator_type, config FROM node_channels WHERE node_id = ? ORDER BY channel',
      )
      .all(nodeId) as {
      channel: string;
      type: string;
      metric: string | null;
      unit: string | null;
      actuator_type: string | null;
      config: string;
    }[];
    return rows.map((r) => ({
      channel: r.channel,
      type: r.type,
      metric: r.metric,
      unit: r.unit,
      actuatorType: r.actuator_type,
      config: JSON.parse(r.config) as Record<string, unknown>,
    }));
  }

  async addError(e: NodeErrorInput): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO node_errors (node_id, hardware_id, level, component, error_code, message, details, ts, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.nodeId,
        e.hardwareId,
        e.level,
        e.component,
        e.errorCode,
        e.message,
        toJson(e.details),
        e.ts,
        e.receivedAt,
      );
  }

  async adoptErrors(hardwareId: string, nodeId: number): Promise<number> {
    const result = this.db
      .prepare('UPDATE node_errors SET node_id = ? WHERE node_id IS NULL AND hardware_id = ?')
      .run(nodeId, hardwareId);
    return result.changes;
  }

  async errors(nodeId: number, limit: number): Promise<NodeErrorInput[]> {
    const rows = this.db
      .prepare('SELECT * FROM node_errors WHERE node_id = ? ORDER BY id DESC LIMIT ?')
      .all(nodeId, limit) as {
      node_id: number;
      hardware_id: string | null;
      level: string;
      component: string;
      error_code: string;
      message: string;
      details: string | null;
      ts: number;
      received_at: number;
    }[];
    return rows.map((r) => ({
      nodeId: r.node_id,
      hardwareId: r.hardware_id,
      level: r.level,
      component: r.component,
      errorCode: r.error_code,
      message: r.message,
      details: fromJson<Record<string, unknown>>(r.details),
      ts: r.ts,
      receivedAt: r.received_at,
    }));
  }

  private one(sql: string, arg: unknown): NodeRecord | null {
    const row = this.db.prepare(sql).get(arg) as NodeRow | undefined;
    return row ? toRecord(row) : null;
  }
}
