import BetterSqlite3 from 'better-sqlite3';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { AccessService } from '../../src/access/access-service.js';
import type { AuthSecrets } from '../../src/api/auth.js';
import { installErrorEnvelope } from '../../src/api/envelope.js';
import { installRequestGuards } from '../../src/api/request-guards.js';
import { registerAuditRoutes } from '../../src/api/routes/audit.js';
import { registerAuthRoutes } from '../../src/api/routes/auth.js';
import { registerUserRoutes } from '../../src/api/routes/users.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { FakeClock } from '../fakes/fake-clock.js';

export const STATIC_TOKEN = 'static-api-token-0123456789';
export const DESKTOP_TOKEN = 'desktop-token-0123456789abcdef';

export interface AccessApp {
  app: FastifyInstance;
  storage: Storage;
  clock: FakeClock;
  access: AccessService;
  /** A request from `ip` (default 127.0.0.1); JSON body when given. */
  call(
    method: string,
    url: string,
    options?: { body?: unknown; headers?: Record<string, string>; ip?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The access-control routes on a real Fastify app over a real in-memory SQLite store, with a
 * fake clock so session lifetimes and lockouts can be walked through.
 */
export async function accessApp(
  bootstrapAdmin?: { email: string; password: string },
  storage: Storage = memoryStorage(),
): Promise<AccessApp> {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 8));
  const access = new AccessService({
    storage: () => storage,
    clock,
    logger: silentLogger(),
    bootstrapAdmin,
  });
  await access.start();
  const app = Fastify({ logger: false });
  installErrorEnvelope(app, silentLogger());
  installRequestGuards(app, { bind: '127.0.0.1', lan: false, allowedHosts: [] });
  const secrets: AuthSecrets = {
    apiToken: STATIC_TOKEN,
    desktopToken: DESKTOP_TOKEN,
    accounts: access.authenticator,
  };
  registerAuthRoutes(app, { secrets, access });
  registerUserRoutes(app, { secrets, access });
  registerAuditRoutes(app, { secrets, storage: () => storage });
  await app.ready();
  return {
    app,
    storage,
    clock,
    access,
    call: (method, url, options = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        remoteAddress: options.ip ?? '127.0.0.1',
        headers: options.headers ?? {},
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      }),
    async close() {
      await access.stop();
      await app.close();
    },
  };
}

export function memoryStorage(): Storage {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations());
  return createSqliteStorage(db);
}

/** The API envelope, for `response.json<Envelope<T>>()`. */
export interface Envelope<T = unknown> {
  status: string;
  code?: string;
  message?: string;
  errors?: Record<string, string[]>;
  data: T;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `hydro_session=…` from a response's Set-Cookie, ready for a Cookie header. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const header = [response.headers['set-cookie'] ?? []].flat().join('\n');
  const match = /hydro_session=([^;]*)/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `hydro_session=${match[1]}`;
}
