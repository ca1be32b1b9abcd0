import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { StorageRefusedError } from '../../runtime/errors.js';
import { loadMigrations as loadMigrationFiles, type Migration } from '../sqlite/migrations.js';
import { transaction } from './pool.js';

/**
 * An arbitrary constant naming Hydro's migration lock in pg_advisory_lock's 64-bit key space, so
 * two cores starting against the same database migrate one after the other.
 */
const MIGRATION_LOCK_KEY = 7_245_311_902;

/** This dialect's numbered `NNNN_verb_object.sql` files, shipped beside this module. */
export function loadMigrations(): Migration[] {
  return loadMigrationFiles(fileURLToPath(new URL('./migrations/', import.meta.url)));
}

/**
 * Apply pending migrations, each in its own transaction, while holding the advisory lock. A
 * database written by a newer Hydro is refused: its schema may mean things this version does not
 * know.
 */
export async function migrate(
  pool: pg.Pool,
  migrations: Migration[],
): Promise<{ from: number; to: number }> {
  const lock = await pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await lock.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const from = await currentVersion(lock);
    const latest = migrations.at(-1)?.version ?? 0;
    if (from > latest) {
      throw new StorageRefusedError(
        `database schema version ${from} is newer than this Hydro understands (${latest}); ` +
          'upgrade Hydro or point it at another database',
        'storage_too_new',
      );
    }
    for (const migration of migrations.filter((m) => m.version > from)) {
      // On the locked session itself, so a pool of one connection cannot deadlock.
      await transaction(lock, async (client) => {
        // Without parameters pg uses the simple protocol, which runs a multi-statement file.
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
      });
    }
    return { from, to: Math.max(from, latest) };
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    lock.release();
  }
}

export async function currentVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const result = await db.query<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM schema_migrations',
  );
  return result.rows[0]?.v ?? 0;
}
