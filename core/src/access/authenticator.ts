import type { Principal } from '../contracts/auth.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { UserRecord } from '../storage/access-types.js';
import type { Storage } from '../storage/storage.js';
import { auditActor } from './audit.js';
import { LoginThrottle } from './login-throttle.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.js';
import { API_TOKEN_PREFIX, SESSION_PREFIX, hashSecret, newSecret } from './secrets.js';

/** A login session ends after this long without a request (reference §5.1: 120 min). */
export const SESSION_IDLE_MS = 120 * 60_000;
/** last_used_at is written at most this often per session/token: not one write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface AuthenticatorDeps {
  storage: () => Storage;
  clock: Clock;
  logger: Logger;
}

export type LoginResult =
  | { ok: true; user: UserRecord; token: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterS: number };

/**
 * Logins, sessions and personal tokens. The secrets the clients hold are never stored, only
 * their hashes; a disabled or deleted account stops working on its next request.
 */
export class Authenticator {
  readonly throttle: LoginThrottle;

  constructor(private readonly deps: AuthenticatorDeps) {
    this.throttle = new LoginThrottle(deps.clock);
  }

  /**
   * Check a password. Unknown emails, wrong passwords and disabled accounts fail alike, after
   * the same scrypt work, so neither the answer nor its timing tells which emails exist.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const lockedFor = this.throttle.lockedFor(email, ip);
    if (lockedFor !== null) return { ok: false, reason: 'locked', retryAfterS: lockedFor };
    const storage = this.deps.storage();
    const user = await storage.users.byEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    const now = this.deps.clock.now();
    if (!user || !valid || user.disabled) {
      this.throttle.recordFailure(email, ip);
      await storage.audit.insert({
        actor: email,
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        diff: { ip },
        at: now,
      });
      return { ok: false, reason: 'invalid' };
    }
    this.throttle.recordSuccess(email, ip);
    const token = await this.startSession(user.id);
    await storage.audit.insert({
      actor: auditActor(principal(user, 'session')),
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      diff: { ip },
      at: now,
    });
    return { ok: true, user, token };
  }

  /** A new session for the user; returns the secret (cookie value and bearer token). */
  async startSession(userId: number): Promise<string> {
    const secret = newSecret(SESSION_PREFIX);
    await this.deps
      .storage()
      .sessions.create({ tokenHash: hashSecret(secret), userId }, this.deps.clock.now());
    return secret;
  }

  async bySessionSecret(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(SESSION_PREFIX)) return null;
    const sessions = this.deps.storage().sessions;
    const session = await sessions.byTokenHash(hashSecret(secret));
    if (!session) return null;
    const now = this.deps.clock.now();
    if (now - session.lastUsedAt > SESSION_IDLE_MS) {
      await sessions.delete(session.id);
      return null;
    }
    const user = await this.activeUser(session.userId);
    if (!user) return null;
    if (now - session.lastUsedAt >= TOUCH_EVERY_MS) await sessions.touch(session.id, now);
    return principal(user, 'session');
  }

  async byApiTokenSecret(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
    const tokens = this.deps.storage().apiTokens;
    const token = await tokens.byTokenHash(hashSecret(secret));
    if (!token || token.revokedAt !== null) return null;
    const user = await this.activeUser(token.userId);
    if (!user) return null;
    const now = this.deps.clock.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS)
      await tokens.touch(token.id, now);
    return principal(user, 'token');
  }

  /** Sign out: end the session or revoke the personal token this secret belongs to. */
  async signOut(secret: string, actor: string): Promise<void> {
    const storage = this.deps.storage();
    const hash = hashSecret(secret);
    const now = this.deps.clock.now();
    if (secret.startsWith(SESSION_PREFIX)) {
      const session = await storage.sessions.byTokenHash(hash);
      if (!session) return;
      await storage.sessions.delete(session.id);
      await storage.audit.insert({
        actor,
        action: 'auth.logout',
        targetType: 'user',
        targetId: session.userId,
        diff: null,
        at: now,
      });
    } else if (secret.startsWith(API_TOKEN_PREFIX)) {
      const token = await storage.apiTokens.byTokenHash(hash);
      if (!token || !(await storage.apiTokens.revoke(token.id, token.userId, now))) return;
      await storage.audit.insert({
        actor,
        action: 'token.revoke',
        targetType: 'api_token',
        targetId: token.id,
        diff: { name: token.name },
        at: now,
      });
    }
  }

  /** Drop sessions idle past their lifetime (they would be refused anyway; this frees rows). */
  purgeIdleSessions(): Promise<number> {
    return this.deps.storage().sessions.deleteIdleBefore(this.deps.clock.now() - SESSION_IDLE_MS);
  }

  private async activeUser(id: number): Promise<UserRecord | null> {
    const user = await this.deps.storage().users.byId(id);
    return user && !user.disabled ? user : null;
  }
}

function principal(user: UserRecord, via: 'session' | 'token'): Principal {
  return { name: user.name, role: user.role, via, user_id: user.id };
}
