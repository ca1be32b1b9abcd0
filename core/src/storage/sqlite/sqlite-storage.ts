import type { Database } from 'better-sqlite3';
import type { Storage } from '../storage.js';
import { SqliteCommandRepo } from './command-repo.js';
import { SqliteNodeRepo } from './node-repo.js';
import { SqliteGreenhouseRepo, SqliteNodeEventRepo, SqliteZoneRepo } from './small-repos.js';
import { SqliteTelemetryRepo } from './telemetry-repo.js';

/** The SQLite implementation of the storage seam, over one open (migrated) connection. */
export function createSqliteStorage(db: Database): Storage {
  return {
    greenhouses: new SqliteGreenhouseRepo(db),
    zones: new SqliteZoneRepo(db),
    nodes: new SqliteNodeRepo(db),
    commands: new SqliteCommandRepo(db),
    telemetry: new SqliteTelemetryRepo(db),
    events: new SqliteNodeEventRepo(db),
  };
}
