import type { Database } from 'better-sqlite3';
import type { Storage } from '../storage.js';
import {
  SqliteApiTokenRepo,
  SqliteAuditRepo,
  SqliteSessionRepo,
  SqliteUserRepo,
} from './access-repos.js';
import { SqliteCommandRepo } from './command-repo.js';
import { SqliteNodeRepo } from './node-repo.js';
import { SqliteAlertRepo } from './alerts-repo.js';
import { SqliteEventLogRepo, SqliteZoneEventRepo } from './events-repo.js';
import { SqliteCycleRepo } from './domain-cycles.js';
import {
  createSqliteNutrientProductRepo,
  createSqlitePlantRepo,
  SqliteRecipeRepo,
} from './domain-recipes.js';
import { SqliteBindingRepo, SqliteGreenhouseRepo, SqliteZoneRepo } from './domain-structure.js';
import { SqliteSettingsRepo } from './settings-repo.js';
import { SqliteCalibrationRepo } from './calibration-repo.js';
import { SqliteScheduleRepo, SqliteTaskRepo, SqliteZoneRuntimeRepo } from './automation-repo.js';
import { SqliteTelemetryHistory } from './telemetry-history.js';
import { SqliteTelemetryRepo } from './telemetry-repo.js';

/** The SQLite implementation of the storage seam, over one open (migrated) connection. */
export function createSqliteStorage(db: Database): Storage {
  return {
    greenhouses: new SqliteGreenhouseRepo(db),
    zones: new SqliteZoneRepo(db),
    nodes: new SqliteNodeRepo(db),
    commands: new SqliteCommandRepo(db),
    telemetry: new SqliteTelemetryRepo(db),
    telemetryHistory: new SqliteTelemetryHistory(db),
    events: new SqliteZoneEventRepo(db),
    alerts: new SqliteAlertRepo(db),
    eventLog: new SqliteEventLogRepo(db),
    users: new SqliteUserRepo(db),
    sessions: new SqliteSessionRepo(db),
    apiTokens: new SqliteApiTokenRepo(db),
    audit: new SqliteAuditRepo(db),
    bindings: new SqliteBindingRepo(db),
    plants: createSqlitePlantRepo(db),
    nutrientProducts: createSqliteNutrientProductRepo(db),
    recipes: new SqliteRecipeRepo(db),
    cycles: new SqliteCycleRepo(db),
    settings: new SqliteSettingsRepo(db),
    calibrations: new SqliteCalibrationRepo(db),
    tasks: new SqliteTaskRepo(db),
    schedule: new SqliteScheduleRepo(db),
    zoneRuntime: new SqliteZoneRuntimeRepo(db),
  };
}
