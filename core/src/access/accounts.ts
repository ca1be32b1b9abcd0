import type { Principal, Role } from '../contracts/auth.js';
import type { CreateUserRequest, UpdateUserRequest } from '../contracts/users.js';
import type { Clock } from '../runtime/clock.js';
import type { ApiTokenRecord, UserPatch, UserRecord } from '../storage/access-types.js';
import type { Storage } from '../storage/storage.js';
import { auditActor } from './audit.js';
import {
  ApiTokenNotFoundError,
  LastAdminError,
  SelfDeleteError,
  SetupCompleteError,
  UserNotFoundError,
} from './errors.js';
import { hashPassword } from './passwords.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './secrets.js';

export interface AccountsDeps {
  storage: () => Storage;
  clock: Clock;
}

/**
 * User accounts and personal tokens. Changes that check-then-write (first-run setup, the
 * last-admin rule) run one at a time, so two concurrent requests cannot both pass the check.
 */
export class Accounts {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AccountsDeps) {}

  async needsAdmin(): Promise<boolean> {
    return (await this.deps.storage().users.count()) === 0;
  }

  /** The first account (always an admin); refused once any account exists. */
  setupAdmin(input: { email: string; name: string; password: string }): Promise<UserRecord> {
    return this.serial(async () => {
      if (!(await this.needsAdmin())) throw new SetupCompleteError();
      const user = await this.insert({ ...input, role: 'admin' });
      await this.audit('setup', 'user.create', user.id, { email: user.email, role: user.role });
      return user;
    });
  }

  /** Create the admin from HYDRO_ADMIN_PASSWORD when there is no account yet; true if it did. */
  ensureAdmin(email: string, password: string): Promise<boolean> {
    return this.serial(async () => {
      if (!(await this.needsAdmin())) return false;
      // Stored as sign-in compares it: trimmed and lower-cased.
      const normalized = email.trim().toLowerCase();
      const user = await this.insert({ email: normalized, name: 'Admin', password, role: 'admin' });
      await this.audit('environment', 'user.create', user.id, { email: normalized, role: 'admin' });
      return true;
    });
  }

  list(): Promise<UserRecord[]> {
    return this.deps.storage().users.list();
  }

  async get(id: number): Promise<UserRecord> {
    const user = await this.deps.storage().users.byId(id);
    if (!user) throw new UserNotFoundError(id);
    return user;
  }

  create(input: CreateUserRequest, by: Principal): Promise<UserRecord> {
    return this.serial(async () => {
      const user = await this.insert(input);
      await this.audit(auditActor(by), 'user.create', user.id, {
        email: user.email,
        name: user.name,
        role: user.role,
      });
      return user;
    });
  }

  update(id: number, input: UpdateUserRequest, by: Principal): Promise<UserRecord> {
    return this.serial(async () => {
      const storage = this.deps.storage();
      const current = await this.get(id);
      const losesAdmin =
        current.role === 'admin' &&
        !current.disabled &&
        ((input.role !== undefined && input.role !== 'admin') || input.disabled === true);
      if (losesAdmin && (await storage.users.countActiveAdmins(id)) === 0)
        throw new LastAdminError();
      const { password, ...fields } = input;
      const patch: UserPatch = { ...fields };
      if (password !== undefined) patch.passwordHash = await hashPassword(password);
      const updated = (await storage.users.update(id, patch, this.deps.clock.now()))!;
      // A new password or a disabled account ends every signed-in browser at once.
      if (password !== undefined || input.disabled === true)
        await storage.sessions.deleteForUser(id);
      await this.audit(auditActor(by), 'user.update', id, changes(current, input));
      return updated;
    });
  }

  delete(id: number, by: Principal): Promise<void> {
    return this.serial(async () => {
      if (by.user_id === id) throw new SelfDeleteError();
      const storage = this.deps.storage();
      const current = await this.get(id);
      if (
        current.role === 'admin' &&
        !current.disabled &&
        (await storage.users.countActiveAdmins(id)) === 0
      )
        throw new LastAdminError();
      await storage.users.delete(id);
      await this.audit(auditActor(by), 'user.delete', id, {
        email: current.email,
        role: current.role,
      });
    });
  }

  tokens(userId: number): Promise<ApiTokenRecord[]> {
    return this.deps.storage().apiTokens.listForUser(userId);
  }

  /** A new personal token; the secret is returned this once and only its hash is kept. */
  async createToken(
    userId: number,
    name: string,
    by: Principal,
  ): Promise<{ record: ApiTokenRecord; secret: string }> {
    const secret = newSecret(API_TOKEN_PREFIX);
    const record = await this.deps
      .storage()
      .apiTokens.create({ userId, name, tokenHash: hashSecret(secret) }, this.deps.clock.now());
    await this.audit(auditActor(by), 'token.create', record.id, { name }, 'api_token');
    return { record, secret };
  }

  async revokeToken(userId: number, id: number, by: Principal): Promise<void> {
    if (!(await this.deps.storage().apiTokens.revoke(id, userId, this.deps.clock.now())))
      throw new ApiTokenNotFoundError(id);
    await this.audit(auditActor(by), 'token.revoke', id, null, 'api_token');
  }

  private async insert(input: {
    email: string;
    name: string;
    role: Role;
    password: string;
  }): Promise<UserRecord> {
    return this.deps.storage().users.create(
      {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        disabled: false,
      },
      this.deps.clock.now(),
    );
  }

  private async audit(
    actor: string,
    action: string,
    targetId: number,
    diff: Record<string, unknown> | null,
    targetType = 'user',
  ): Promise<void> {
    await this.deps
      .storage()
      .audit.insert({ actor, action, targetType, targetId, diff, at: this.deps.clock.now() });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** `{ field: [before, after] }` for each changed field; a password shows only that it changed. */
function changes(before: UserRecord, input: UpdateUserRequest): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const field of ['email', 'name', 'role', 'disabled'] as const) {
    if (input[field] !== undefined && input[field] !== before[field])
      diff[field] = [before[field], input[field]];
  }
  if (input.password !== undefined) diff.password = 'changed';
  return diff;
}
