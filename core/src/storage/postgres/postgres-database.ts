import type pg from 'pg';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import { StorageError, StorageRefusedError } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { Storage } from '../storage.js';
import { currentVersion, loadMigrations, migrate } from './migrations.js';
import { createPool } from './pool.js';
import { createPostgresStorage } from './postgres-storage.js';
import { enableTimescale } from './timescale.js';

/**
 * The PostgreSQL store of the server build: a pool over `url`, migrated at start, TimescaleDB
 * switched on when the server offers it. A server that cannot be reached refuses the start with
 * one line naming it (never the password), not a crash.
 */
export class PostgresDatabase implements Component {
  readonly name = 'database';
  private pool: pg.Pool | undefined;
  private repos: Storage | undefined;
  private schemaVersion = 0;
  private timescale = false;

  constructor(private readonly ctx: { url: string; logger: Logger; connectTimeoutMs?: number }) {}

  /** The repositories over this database; available once started. */
  get storage(): Storage {
    if (!this.pool || !this.repos) throw new StorageError('the database is not open');
    return this.repos;
  }

  async start(): Promise<void> {
    const pool = createPool(this.ctx.url, this.ctx.connectTimeoutMs);
    // An idle connection dropped by the server is reported here; unhandled it would crash Node.
    pool.on('error', (error) =>
      this.ctx.logger.warn({ err: error }, 'PostgreSQL connection lost; the pool reconnects'),
    );
    try {
      (await pool.connect()).release();
    } catch (error) {
      await pool.end();
      throw new StorageRefusedError(
        `cannot reach PostgreSQL at ${serverOf(this.ctx.url)}: ${reasonOf(error)}`,
        'storage_unreachable',
      );
    }
    try {
      const { from, to } = await migrate(pool, loadMigrations());
      if (from !== to) this.ctx.logger.info({ from, to }, 'database migrated');
      this.schemaVersion = to;
      this.timescale = await enableTimescale(pool, this.ctx.logger);
    } catch (error) {
      await pool.end();
      if (error instanceof StorageError) throw error;
      throw new StorageError(`PostgreSQL migration failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.pool = pool;
    this.repos = createPostgresStorage(pool);
  }

  async stop(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.repos = undefined;
    await pool?.end();
  }

  status(): ComponentStatus {
    const pool = this.pool;
    if (!pool) return { state: 'stopped', detail: null, metrics: {} };
    return {
      state: 'healthy',
      detail: `PostgreSQL ${serverOf(this.ctx.url)}, schema v${this.schemaVersion}${this.timescale ? ', TimescaleDB' : ''}`,
      metrics: {
        schema_version: this.schemaVersion,
        server: serverOf(this.ctx.url),
        timescaledb: this.timescale,
        connections: pool.totalCount,
        idle_connections: pool.idleCount,
      },
    };
  }

  /** The applied schema version, read from the database (for checks and tests). */
  async readSchemaVersion(): Promise<number> {
    if (!this.pool) throw new StorageError('the database is not open');
    return currentVersion(this.pool);
  }
}

/**
 * `host:port` of a connection URL for messages; credentials are left out. A unix-socket URL names
 * its directory in `?host=`.
 */
function serverOf(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}:${parsed.port || '5432'}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Node reports a refused dual-stack connect as an AggregateError with an empty message. */
function reasonOf(error: unknown): string {
  const { message, code } = error as { message?: string; code?: string };
  return message || code || String(error);
}
