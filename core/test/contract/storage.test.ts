import BetterSqlite3 from 'better-sqlite3';
import { silentLogger } from '../../src/runtime/logger.js';
import { PostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { describeStorageContract } from './storage.contract.js';

describeStorageContract('sqlite', () => {
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
});

await describeWithPostgres('postgres', (postgres) => {
  describeStorageContract('postgres', async () => {
    // Each store migrates its own fresh schema through the real start path.
    const database = new PostgresDatabase({
      url: await postgres.freshSchemaUrl(),
      logger: silentLogger(),
    });
    await database.start();
    return { storage: database.storage, close: () => database.stop() };
  });
});
