import type pg from 'pg';
import { EmailTakenError } from '../../access/errors.js';
import type {
  ApiTokenRecord,
  AuditEntryInput,
  AuditQuery,
  AuditRecord,
  SessionRecord,
  UserPatch,
  UserRecord,
} from '../access-types.js';
import type { ApiTokenRepo, AuditRepo, SessionRepo, UserRepo } from '../storage.js';
import { Params, selectList } from './rows.js';

const USER_SELECT = `SELECT ${selectList<UserRecord>({
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
  disabled: true,
  createdAt: true,
  updatedAt: true,
})} FROM users`;

const SESSION_SELECT = `SELECT ${selectList<SessionRecord>({
  id: true,
  tokenHash: true,
  userId: true,
  createdAt: true,
  lastUsedAt: true,
})} FROM sessions`;

const TOKEN_SELECT = `SELECT ${selectList<ApiTokenRecord>({
  id: true,
  userId: true,
  name: true,
  tokenHash: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
})} FROM api_tokens`;

const AUDIT_SELECT = `SELECT ${selectList<AuditRecord>({
  id: true,
  actor: true,
  action: true,
  targetType: true,
  targetId: true,
  diff: true,
  at: true,
})} FROM audit_log`;

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === UNIQUE_VIOLATION;
}

export class PostgresUserRepo implements UserRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(
    input: Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt'>,
    now: number,
  ): Promise<UserRecord> {
    try {
      const result = await this.pool.query<{ id: number }>(
        `INSERT INTO users (email, name, role, password_hash, disabled, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [input.email, input.name, input.role, input.passwordHash, input.disabled, now],
      );
      return (await this.byId(result.rows[0]!.id))!;
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(input.email);
      throw error;
    }
  }

  async byId(id: number): Promise<UserRecord | null> {
    const result = await this.pool.query<UserRecord>(`${USER_SELECT} WHERE id = $1`, [id]);
    return result.rows[0] ?? null;
  }

  async byEmail(email: string): Promise<UserRecord | null> {
    const result = await this.pool.query<UserRecord>(`${USER_SELECT} WHERE email = $1`, [email]);
    return result.rows[0] ?? null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.pool.query<UserRecord>(`${USER_SELECT} ORDER BY id`)).rows;
  }

  async count(): Promise<number> {
    const result = await this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM users');
    return result.rows[0]!.n;
  }

  async countActiveAdmins(exceptId?: number): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1",
      [exceptId ?? 0],
    );
    return result.rows[0]!.n;
  }

  async update(id: number, patch: UserPatch, now: number): Promise<UserRecord | null> {
    const params = new Params();
    const sets = [...params.assignments(patch), `updated_at = ${params.add(now)}`];
    try {
      await this.pool.query(
        `UPDATE users SET ${sets.join(', ')} WHERE id = ${params.add(id)}`,
        params.values,
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(String(patch.email));
      throw error;
    }
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM users WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }
}

export class PostgresSessionRepo implements SessionRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: { tokenHash: string; userId: number }, now: number): Promise<SessionRecord> {
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO sessions (token_hash, user_id, created_at, last_used_at)
       VALUES ($1, $2, $3, $3) RETURNING id`,
      [input.tokenHash, input.userId, now],
    );
    return { id: result.rows[0]!.id, ...input, createdAt: now, lastUsedAt: now };
  }

  async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const result = await this.pool.query<SessionRecord>(`${SESSION_SELECT} WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return result.rows[0] ?? null;
  }

  async touch(id: number, now: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET last_used_at = $1 WHERE id = $2', [now, id]);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM sessions WHERE id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteForUser(userId: number): Promise<number> {
    const result = await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
    return result.rowCount ?? 0;
  }

  async deleteIdleBefore(cutoff: number): Promise<number> {
    const result = await this.pool.query('DELETE FROM sessions WHERE last_used_at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }
}

export class PostgresApiTokenRepo implements ApiTokenRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(
    input: { userId: number; name: string; tokenHash: string },
    now: number,
  ): Promise<ApiTokenRecord> {
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO api_tokens (user_id, name, token_hash, created_at)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [input.userId, input.name, input.tokenHash, now],
    );
    return { id: result.rows[0]!.id, ...input, createdAt: now, lastUsedAt: null, revokedAt: null };
  }

  async byTokenHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const result = await this.pool.query<ApiTokenRecord>(`${TOKEN_SELECT} WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return result.rows[0] ?? null;
  }

  async listForUser(userId: number): Promise<ApiTokenRecord[]> {
    const result = await this.pool.query<ApiTokenRecord>(
      `${TOKEN_SELECT} WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
    return result.rows;
  }

  async revoke(id: number, userId: number, now: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL',
      [now, id, userId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async touch(id: number, now: number): Promise<void> {
    await this.pool.query('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [now, id]);
  }
}

export class PostgresAuditRepo implements AuditRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insert(e: AuditEntryInput): Promise<number> {
    const result = await this.pool.query<{ id: number }>(
      `INSERT INTO audit_log (actor, action, target_type, target_id, diff, at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        e.actor,
        e.action,
        e.targetType,
        e.targetId === null ? null : String(e.targetId),
        e.diff === null ? null : JSON.stringify(e.diff),
        e.at,
      ],
    );
    return result.rows[0]!.id;
  }

  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const params = new Params();
    const where = [`id > ${params.add(q.after_id ?? 0)}`];
    if (q.targetType !== undefined) where.push(`target_type = ${params.add(q.targetType)}`);
    if (q.targetId !== undefined) where.push(`target_id = ${params.add(String(q.targetId))}`);
    const result = await this.pool.query<AuditRecord>(
      `${AUDIT_SELECT} WHERE ${where.join(' AND ')} ORDER BY id LIMIT ${params.add(q.limit)}`,
      params.values,
    );
    return result.rows;
  }
}
