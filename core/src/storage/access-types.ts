import type { Role } from '../contracts/auth.js';

/** Access-control records (times are Unix ms). Secrets appear only as hashes. */
export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type UserPatch = Partial<
  Pick<UserRecord, 'email' | 'name' | 'role' | 'passwordHash' | 'disabled'>
>;

export interface SessionRecord {
  id: number;
  tokenHash: string;
  userId: number;
  createdAt: number;
  lastUsedAt: number;
}

export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  tokenHash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface AuditEntryInput {
  /** Who acted, as shown in the journal (e.g. `user:3 ana@farm`, `api-token`, `local-admin`). */
  actor: string;
  /** Dotted verb, e.g. `auth.login`, `user.update`, `node.assign`. */
  action: string;
  targetType: string;
  targetId: string | number | null;
  diff: Record<string, unknown> | null;
  at: number;
}

export interface AuditRecord extends Omit<AuditEntryInput, 'targetId'> {
  id: number;
  /** Stored as text: targets are keyed by numeric ids and by uids alike. */
  targetId: string | null;
}

export interface AuditQuery {
  /** Entries with a greater id only (ascending id order), for paging and catch-up. */
  after_id?: number;
  limit: number;
  targetType?: string;
  targetId?: string | number;
}
