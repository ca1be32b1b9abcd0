import type pg from 'pg';
import type { Storage } from '../storage.js';
import { PostgresCommandRepo } from './command-repo.js';
import { PostgresNodeRepo } from './node-repo.js';
import {
  PostgresGreenhouseRepo,
  PostgresNodeEventRepo,
  PostgresTelemetryRepo,
  PostgresZoneRepo,
} from './small-repos.js';

/** The PostgreSQL implementation of the storage seam, over a pool of a migrated database. */
export function createPostgresStorage(pool: pg.Pool): Storage {
  return {
    greenhouses: new PostgresGreenhouseRepo(pool),
    zones: new PostgresZoneRepo(pool),
    nodes: new PostgresNodeRepo(pool),
    commands: new PostgresCommandRepo(pool),
    telemetry: new PostgresTelemetryRepo(pool),
    events: new PostgresNodeEventRepo(pool),
  };
}
