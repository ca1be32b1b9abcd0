import type pg from 'pg';
import type { Storage } from '../storage.js';
import {
  PostgresApiTokenRepo,
  PostgresAuditRepo,
  PostgresSessionRepo,
  PostgresUserRepo,
} from './access-repos.js';
import { PostgresCommandRepo } from './command-repo.js';
import { PostgresNodeRepo } from './node-repo.js';
import { PostgresAlertRepo } from './alerts-repo.js';
import { PostgresEventLogRepo, PostgresZoneEventRepo } from './events-repo.js';
import { PostgresCycleRepo } from './domain-cycles.js';
import {
  createPostgresNutrientProductRepo,
  createPostgresPlantRepo,
  PostgresRecipeRepo,
} from './domain-recipes.js';
import {
  PostgresBindingRepo,
  PostgresGreenhouseRepo,
  PostgresZoneRepo,
} from './domain-structure.js';
import { PostgresSettingsRepo } from './settings-repo.js';
import { PostgresCalibrationRepo } from './calibration-repo.js';
import {
  PostgresScheduleRepo,
  PostgresTaskRepo,
  PostgresZoneRuntimeRepo,
} from './automation-repo.js';
import { PostgresTelemetryHistory } from './telemetry-history.js';
import { PostgresTelemetryRepo } from './telemetry-repo.js';

/** The PostgreSQL implementation of the storage seam, over a pool of a migrated database. */
export function createPostgresStorage(pool: pg.Pool): Storage {
  return {
    greenhouses: new PostgresGreenhouseRepo(pool),
    zones: new PostgresZoneRepo(pool),
    nodes: new PostgresNodeRepo(pool),
    commands: new PostgresCommandRepo(pool),
    telemetry: new PostgresTelemetryRepo(pool),
    telemetryHistory: new PostgresTelemetryHistory(pool),
    events: new PostgresZoneEventRepo(pool),
    alerts: new PostgresAlertRepo(pool),
    eventLog: new PostgresEventLogRepo(pool),
    users: new PostgresUserRepo(pool),
    sessions: new PostgresSessionRepo(pool),
    apiTokens: new PostgresApiTokenRepo(pool),
    audit: new PostgresAuditRepo(pool),
    bindings: new PostgresBindingRepo(pool),
    plants: createPostgresPlantRepo(pool),
    nutrientProducts: createPostgresNutrientProductRepo(pool),
    recipes: new PostgresRecipeRepo(pool),
    cycles: new PostgresCycleRepo(pool),
    settings: new PostgresSettingsRepo(pool),
    calibrations: new PostgresCalibrationRepo(pool),
    tasks: new PostgresTaskRepo(pool),
    schedule: new PostgresScheduleRepo(pool),
    zoneRuntime: new PostgresZoneRuntimeRepo(pool),
  };
}
