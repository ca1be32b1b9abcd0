import { statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import { StorageError, StorageRefusedError } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import { backupDatabase, DATABASE_FILE_NAME, type BackupInfo } from './backup.js';
import { currentVersion, loadMigrations, migrate } from './migrations.js';
import type { Storage } from '../storage.js';
import { createSqliteStorage } from './sqlite-storage.js';

/**
 * The SQLite store: WAL so readers never block the writer, synchronous=NORMAL (durable at each
 * checkpoint, at most the last transactions lost on power failure, never corrupted), an integrity
 * check before anything writes, then numbered migrations.
 */
export class SqliteDatabase implements Component {
  readonly name = 'database';
  private db: Database | undefined;
  private repos: Storage | undefined;
  /** Fixed once migrated; status() is polled every second and need not query it. */
  private schemaVersion = 0;
  private readonly file: string;

  constructor(
    private readonly ctx: {
      dataDir: string;
      logger: Logger;
      now: () => number;
      backupsKept: number;
    },
  ) {
    this.file = join(ctx.dataDir, DATABASE_FILE_NAME);
  }

  /** An online backup into the data dir's backups/ folder, rotated. */
  backup(reason?: string): Promise<BackupInfo> {
    if (!this.db) return Promise.reject(new StorageError('the database is not open'));
    return backupDatabase(this.db, this.ctx.dataDir, {
      now: this.ctx.now(),
      keep: this.ctx.backupsKept,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /** The repositories over this database; available once started. */
  get storage(): Storage {
    if (!this.db || !this.repos) throw new StorageError('the database is not open');
    return this.repos;
  }

  async start(): Promise<void> {
    const db = this.open();
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      this.checkIntegrity(db);
      const migrations = loadMigrations();
      const before = hasSchema(db) ? currentVersion(db) : 0;
      if (before > 0 && migrations.some((m) => m.version > before)) {
        // A migration that goes wrong must never cost the farm its history.
        const backup = await backupDatabase(db, this.ctx.dataDir, {
          now: this.ctx.now(),
          reason: 'pre-migration',
          keep: this.ctx.backupsKept,
        });
        this.ctx.logger.info({ file: backup.file }, 'backup taken before migrating');
      }
      const { from, to } = migrate(db, migrations);
      this.schemaVersion = to;
      if (from !== to) this.ctx.logger.info({ from, to }, 'database migrated');
    } catch (error) {
      db.close();
      throw this.explain(error);
    }
    this.db = db;
    this.repos = createSqliteStorage(db);
  }

  stop(): Promise<void> {
    if (this.db?.open) {
      // Fold the WAL back so the file is self-contained for copies and backups.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
    this.db = undefined;
    this.repos = undefined;
    return Promise.resolve();
  }

  status(): ComponentStatus {
    const db = this.db;
    if (!db) return { state: 'stopped', detail: null, metrics: {} };
    return {
      state: 'healthy',
      detail: `schema v${this.schemaVersion}, WAL`,
      metrics: {
        schema_version: this.schemaVersion,
        size_bytes: fileSize(this.file),
        file: this.file,
      },
    };
  }

  private open(): Database {
    try {
      return new BetterSqlite3(this.file);
    } catch (error) {
      throw new StorageError(`cannot open database ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private explain(error: unknown): StorageError {
    if (error instanceof StorageError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return new StorageRefusedError(
        `${this.file} is not a readable Hydro database (${(error as Error).message}); restore a backup or move the file away`,
        'storage_corrupt',
      );
    }
    return new StorageError(`${this.file}: ${(error as Error).message}`, { cause: error });
  }

  private checkIntegrity(db: Database): void {
    let result: string;
    try {
      // quick_check is O(pages) without the index cross-checks, so start stays fast on big files.
      result = db.pragma('quick_check', { simple: true }) as string;
    } catch (error) {
      result = (error as Error).message;
    }
    if (result !== 'ok') {
      throw new StorageRefusedError(
        `database ${this.file} failed its integrity check (${result}); restore a backup or move the file away`,
        'storage_corrupt',
      );
    }
  }
}

function hasSchema(db: Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get() !== undefined
  );
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
