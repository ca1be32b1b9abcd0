import type { Database } from 'better-sqlite3';
import type { CommandRepo } from '../storage.js';
import type { CommandRecord, CommandStatus } from '../types.js';
import { column, fromJson, toJson } from './rows.js';

interface CommandRow {
  id: number;
  cmd_id: string;
  node_id: number | null;
  zone_id: number | null;
  channel: string;
  cmd: string;
  params: string;
  source: string;
  status: CommandStatus;
  ts: number | null;
  error_code: string | null;
  error_message: string | null;
  details: string | null;
  attempts: number;
  created_at: number;
  sent_at: number | null;
  ack_at: number | null;
  terminal_at: number | null;
  deadline_at: number | null;
}

function toRecord(row: CommandRow): CommandRecord {
  return {
    id: row.id,
    cmdId: row.cmd_id,
    nodeId: row.node_id,
    zoneId: row.zone_id,
    channel: row.channel,
    cmd: row.cmd,
    params: JSON.parse(row.params) as Record<string, unknown>,
    source: row.source,
    status: row.status,
    ts: row.ts,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    details: fromJson<Record<string, unknown>>(row.details),
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    ackAt: row.ack_at,
    terminalAt: row.terminal_at,
    deadlineAt: row.deadline_at,
  };
}

export class SqliteCommandRepo implements CommandRepo {
  constructor(private readonly db: Database) {}

  async insert(input: Omit<CommandRecord, 'id'>): Promise<CommandRecord> {
    const result = this.db
      .prepare(
        `INSERT INTO commands (cmd_id, node_id, zone_id, channel, cmd, params, source, status, ts, error_code,
           error_message, details, attempts, created_at, sent_at, ack_at, terminal_at, deadline_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.cmdId,
        input.nodeId,
        input.zoneId,
        input.channel,
        input.cmd,
        JSON.stringify(input.params),
        input.source,
        input.status,
        input.ts,
        input.errorCode,
        input.errorMessage,
        toJson(input.details),
        input.attempts,
        input.createdAt,
        input.sentAt,
        input.ackAt,
        input.terminalAt,
        input.deadlineAt,
        input.createdAt,
      );
    return { ...input, id: Number(result.lastInsertRowid) };
  }

  async byCmdId(cmdId: string): Promise<CommandRecord | null> {
    const row = this.db.prepare('SELECT * FROM commands WHERE cmd_id = ?').get(cmdId) as
      CommandRow | undefined;
    return row ? toRecord(row) : null;
  }

  async transition(
    cmdId: string,
    from: CommandStatus[],
    to: CommandStatus,
    fields: Parameters<CommandRepo['transition']>[3],
    now: number,
  ): Promise<CommandRecord | null> {
    const names = Object.keys(fields).filter((f) => fields[f as keyof typeof fields] !== undefined);
    const sets = ['status = ?', 'updated_at = ?', ...names.map((f) => `${column(f)} = ?`)];
    const values = names.map((f) => {
      const value = fields[f as keyof typeof fields];
      return f === 'details' ? toJson(value) : value;
    });
    const row = this.db
      .prepare(
        `UPDATE commands SET ${sets.join(', ')} WHERE cmd_id = ? AND status IN (${from.map(() => '?').join(', ')}) RETURNING *`,
      )
      .get(to, now, ...values, cmdId, ...from) as CommandRow | undefined;
    return row ? toRecord(row) : null;
  }

  async overdue(now: number): Promise<CommandRecord[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM commands WHERE status IN ('SENT', 'ACK') AND deadline_at <= ? ORDER BY id",
      )
      .all(now) as CommandRow[];
    return rows.map(toRecord);
  }

  async listForNode(nodeId: number, limit: number, beforeId?: number): Promise<CommandRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM commands WHERE node_id = ? AND id < ? ORDER BY id DESC LIMIT ?')
      .all(nodeId, beforeId ?? Number.MAX_SAFE_INTEGER, limit) as CommandRow[];
    return rows.map(toRecord);
  }

  async listForZone(
    zoneId: number,
    limit: number,
    statuses?: CommandStatus[],
  ): Promise<CommandRecord[]> {
    const filter = statuses ? `AND status IN (${statuses.map(() => '?').join(', ')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM commands WHERE zone_id = ? ${filter} ORDER BY id DESC LIMIT ?`)
      .all(zoneId, ...(statuses ?? []), limit) as CommandRow[];
    return rows.map(toRecord);
  }
}
