import BetterSqlite3 from 'better-sqlite3';
import { silentLogger } from '../../src/runtime/logger.js';
import { PostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import type { StorageUnderTest } from './storage.contract.js';

/** A repository contract: its tests, given a factory of fresh, migrated, empty stores. */
export type Contract = (name: string, makeStorage: () => Promise<StorageUnderTest>) => void;

/** A fresh in-memory SQLite store, migrated like a real one. */
function sqliteStore(): Promise<StorageUnderTest> {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations());
  return Promise.resolve({
    storage: createSqliteStorage(db),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  });
}

/**
 * Run contracts against both dialects: SQLite in memory, and PostgreSQL where each store migrates
 * its own fresh schema through the real start path.
 */
export async function describeOnBothDialects(...contracts: Contract[]): Promise<void> {
  for (const contract of contracts) contract('sqlite', sqliteStore);
  await describeWithPostgres('postgres', (postgres) => {
    const postgresStore = async (): Promise<StorageUnderTest> => {
      const database = new PostgresDatabase({
        url: await postgres.freshSchemaUrl(),
        logger: silentLogger(),
      });
      await database.start();
      return { storage: database.storage, close: () => database.stop() };
    };
    for (const contract of contracts) contract('postgres', postgresStore);
  });
}
