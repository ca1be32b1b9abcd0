import type { Database } from 'better-sqlite3';
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
import { column, fromJson, toJson } from './rows.js';

const USER_SELECT = `SELECT id, email, name, role, password_hash AS passwordHash, disabled,
  created_at AS createdAt, updated_at AS updatedAt FROM users`;

type UserRow = Omit<UserRecord, 'disabled'> & { disabled: number };

function toUser(row: UserRow | undefined): UserRecord | null {
  return row ? { ...row, disabled: row.disabled === 1 } : null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export class SqliteUserRepo implements UserRepo {
  constructor(private readonly db: Database) {}

  async create(
    input: Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt'>,
    now: number,
  ): Promise<UserRecord> {
    try {
      const result = this.db
        .prepare(
          `INSERT INTO users (email, name, role, password_hash, disabled, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          input.email,
          input.name,
          input.role,
          input.passwordHash,
          input.disabled ? 1 : 0,
          now,
          now,
        );
      return (await this.byId(Number(result.lastInsertRowid)))!;
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(input.email);
      throw error;
    }
  }

  async byId(id: number): Promise<UserRecord | null> {
    return toUser(this.db.prepare(`${USER_SELECT} WHERE id = ?`).get(id) as UserRow | undefined);
  }

  async byEmail(email: string): Promise<UserRecord | null> {
    return toUser(
      this.db.prepare(`${USER_SELECT} WHERE email = ?`).get(email) as UserRow | undefined,
    );
  }

  async list(): Promise<UserRecord[]> {
    const rows = this.db.prepare(`${USER_SELECT} ORDER BY id`).all() as UserRow[];
    return rows.map((row) => toUser(row)!);
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async countActiveAdmins(exceptId?: number): Promise<number> {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?")
      .get(exceptId ?? 0) as { n: number };
    return row.n;
  }

  async update(id: number, patch: UserPatch, now: number): Promise<UserRecord | null> {
    const fields = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = fields.map(([field]) => `${column(field)} = ?`);
    const values = fields.map(([, value]) => (typeof value === 'boolean' ? Number(value) : value));
    try {
      this.db
        .prepare(`UPDATE users SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`)
        .run(...values, now, id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(String(patch.email));
      throw error;
    }
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM users WHERE id = ?').run(id).changes > 0;
  }
}

const SESSION_SELECT = `SELECT id, token_hash AS tokenHash, user_id AS userId, created_at AS createdAt,
  last_used_at AS lastUsedAt FROM sessions`;

export class SqliteSessionRepo implements SessionRepo {
  constructor(private readonly db: Database) {}

  async create(input: { tokenHash: string; userId: number }, now: number): Promise<SessionRecord> {
    const result = this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)',
      )
      .run(input.tokenHash, input.userId, now, now);
    return { id: Number(result.lastInsertRowid), ...input, createdAt: now, lastUsedAt: now };
  }

  async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = this.db.prepare(`${SESSION_SELECT} WHERE token_hash = ?`).get(tokenHash);
    return (row as SessionRecord | undefined) ?? null;
  }

  async touch(id: number, now: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET last_used_at = ? WHERE id = ?').run(now, id);
  }

  async delete(id: number): Promise<boolean> {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  async deleteForUser(userId: number): Promise<number> {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  async deleteIdleBefore(cutoff: number): Promise<number> {
    return this.db.prepare('DELETE FROM sessions WHERE last_used_at < ?').run(cutoff).changes;
  }
}

const TOKEN_SELECT = `SELECT id, user_id AS userId, name, token_hash AS tokenHash, created_at AS createdAt,
  last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM api_tokens`;

export class SqliteApiTokenRepo implements ApiTokenRepo {
  constructor(private readonly db: Database) {}

  async create(
    input: { userId: number; name: string; tokenHash: string },
    now: number,
  ): Promise<ApiTokenRecord> {
    const result = this.db
      .prepare('INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(input.userId, input.name, input.tokenHash, now);
    return {
      id: Number(result.lastInsertRowid),
      ...input,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
  }

  async byTokenHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = this.db.prepare(`${TOKEN_SELECT} WHERE token_hash = ?`).get(tokenHash);
    return (row as ApiTokenRecord | undefined) ?? null;
  }

  async listForUser(userId: number): Promise<ApiTokenRecord[]> {
    return this.db
      .prepare(`${TOKEN_SELECT} WHERE user_id = ? ORDER BY id`)
      .all(userId) as ApiTokenRecord[];
  }

  async revoke(id: number, userId: number, now: number): Promise<boolean> {
    const result = this.db
      .prepare(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
      )
      .run(now, id, userId);
    return result.changes > 0;
  }

  async touch(id: number, now: number): Promise<void> {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, id);
  }
}

interface AuditRow extends Omit<AuditRecord, 'diff'> {
  diff: string | null;
}

export class SqliteAuditRepo implements AuditRepo {
  constructor(private readonly db: Database) {}

  async insert(e: AuditEntryInput): Promise<number> {
    const result = this.db
      .prepare(
        'INSERT INTO audit_log (actor, action, target_type, target_id, diff, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        e.actor,
        e.action,
        e.targetType,
        e.targetId === null ? null : String(e.targetId),
        toJson(e.diff),
        e.at,
      );
    return Number(result.lastInsertRowid);
  }

  async list(q: AuditQuery): Promise<AuditRecord[]> {
    const where = ['id > ?'];
    const values: unknown[] = [q.after_id ?? 0];
    if (q.targetType !== undefined) {
      where.push('target_type = ?');
      values.push(q.targetType);
    }
    if (q.targetId !== undefined) {
      where.push('target_id = ?');
      values.push(String(q.targetId));
    }
    const rows = this.db
      .prepare(
        `SELECT id, actor, action, target_type AS targetType, target_id AS targetId, diff, at
         FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
      )
      .all(...values, q.limit) as AuditRow[];
    return rows.map((row) => ({ ...row, diff: fromJson<Record<string, unknown>>(row.diff) }));
  }
}
