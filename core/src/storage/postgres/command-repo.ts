import type pg from 'pg';
import type { CommandRepo } from '../storage.js';
import type { CommandRecord, CommandStatus } from '../types.js';
import { column, Params, selectList } from './rows.js';

const COMMAND_COLUMNS = selectList<CommandRecord>({
  id: true,
  cmdId: true,
  nodeId: true,
  zoneId: true,
  channel: true,
  cmd: true,
  params: true,
  source: true,
  status: true,
  ts: true,
  errorCode: true,
  errorMessage: true,
  details: true,
  attempts: true,
  createdAt: true,
  sentAt: true,
  ackAt: true,
  terminalAt: true,
  deadlineAt: true,
});

const COMMAND_JSON = new Set(['params', 'details']);

export class PostgresCommandRepo implements CommandRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insert(input: Omit<CommandRecord, 'id'>): Promise<CommandRecord> {
    const params = new Params(COMMAND_JSON);
    const row = { ...input, updatedAt: input.createdAt };
    const fields = Object.keys(row);
    const placeholders = fields.map((f) => params.add(row[f as keyof typeof row], f));
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO commands (${fields.map(column).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING id`,
      params.values,
    );
    return { ...input, id: result.rows[0]!.id };
  }

  async byCmdId(cmdId: string): Promise<CommandRecord | null> {
    const result = await this.pool.query<CommandRecord>(
      `SELECT ${COMMAND_COLUMNS} FROM commands WHERE cmd_id = $1`,
      [cmdId],
    );
    return result.rows[0] ?? null;
  }

  async transition(
    cmdId: string,
    from: CommandStatus[],
    to: CommandStatus,
    fields: Parameters<CommandRepo['transition']>[3],
    now: number,
  ): Promise<CommandRecord | null> {
    const params = new Params(COMMAND_JSON);
    const sets = params.assignments({ status: to, updatedAt: now, ...fields });
    // One conditional UPDATE: of two concurrent responses only the first finds an allowed status.
    const result = await this.pool.query<CommandRecord>(
      `UPDATE commands SET ${sets.join(', ')}
       WHERE cmd_id = ${params.add(cmdId)} AND status = ANY(${params.add(from)}::text[])
       RETURNING ${COMMAND_COLUMNS}`,
      params.values,
    );
    return result.rows[0] ?? null;
  }

  async overdue(now: number): Promise<CommandRecord[]> {
    const result = await this.pool.query<CommandRecord>(
      `SELECT ${COMMAND_COLUMNS} FROM commands
       WHERE status IN ('SENT', 'ACK') AND deadline_at <= $1 ORDER BY id`,
      [now],
    );
    return result.rows;
  }

  async listForNode(nodeId: number, limit: number, beforeId?: number): Promise<CommandRecord[]> {
    const result = await this.pool.query<CommandRecord>(
      `SELECT ${COMMAND_COLUMNS} FROM commands
       WHERE node_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [nodeId, beforeId ?? null, limit],
    );
    return result.rows;
  }

  async listForZone(
    zoneId: number,
    limit: number,
    statuses?: CommandStatus[],
  ): Promise<CommandRecord[]> {
    const result = await this.pool.query<CommandRecord>(
      `SELECT ${COMMAND_COLUMNS} FROM commands
       WHERE zone_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[]))
       ORDER BY id DESC LIMIT $3`,
      [zoneId, statuses ?? null, limit],
    );
    return result.rows;
  }
}
