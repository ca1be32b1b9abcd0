import type { BindingRole } from '../contracts/bindings.js';
import type { NutrientComponent } from '../contracts/catalog.js';
import type { CycleStatus, CycleTrigger } from '../contracts/cycles.js';
import type { DayNight } from '../contracts/recipes.js';
import type { ControlMode, ZoneSettings, ZoneTopology } from '../contracts/zones.js';

/**
 * Domain records and repositories: greenhouses, zones, channel bindings, the plant and nutrient
 * catalog, recipes and grow cycles (times are Unix ms). Repositories throw the domain errors of
 * core/src/domain/errors.ts for conflicts the schema enforces (unique uids, one active cycle per
 * zone, rows still referenced).
 */

export interface GreenhouseRecord {
  id: number;
  uid: string;
  name: string;
  timezone: string;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface GreenhouseInput {
  uid: string;
  name: string;
  timezone: string;
  description?: string | null;
}
export type GreenhousePatch = Partial<Pick<GreenhouseRecord, 'name' | 'timezone' | 'description'>>;

export interface ZoneRecord {
  id: number;
  greenhouseId: number;
  uid: string;
  name: string;
  greenhouseUid: string;
  description: string | null;
  controlMode: ControlMode;
  workflowPhase: string;
  topology: ZoneTopology;
  settings: ZoneSettings;
  createdAt: number;
  updatedAt: number;
}

export interface ZoneInput {
  greenhouseId: number;
  uid: string;
  name: string;
  description?: string | null;
  controlMode?: ControlMode;
  topology?: ZoneTopology;
  settings?: ZoneSettings;
}
/** workflowPhase is written by the automation runtime, the others by the zone API. */
type ZonePatchField = 'name' | 'description' | 'controlMode' | 'topology' | 'settings';
export type ZonePatch = Partial<Pick<ZoneRecord, ZonePatchField | 'workflowPhase'>>;

export interface GreenhouseRepo {
  /** Throws ConflictError `uid_taken` when the uid is in use. */
  create(input: GreenhouseInput, now: number): Promise<GreenhouseRecord>;
  byId(id: number): Promise<GreenhouseRecord | null>;
  byUid(uid: string): Promise<GreenhouseRecord | null>;
  list(): Promise<GreenhouseRecord[]>;
  update(id: number, patch: GreenhousePatch, now: number): Promise<GreenhouseRecord | null>;
  /** Throws ConflictError `greenhouse_has_zones` while zones remain. */
  delete(id: number): Promise<boolean>;
}

export interface ZoneRepo {
  /** Throws ConflictError `uid_taken` when the uid is in use. */
  create(input: ZoneInput, now: number): Promise<ZoneRecord>;
  byId(id: number): Promise<ZoneRecord | null>;
  byUid(uid: string): Promise<ZoneRecord | null>;
  list(filter?: { greenhouseId?: number }): Promise<ZoneRecord[]>;
  update(id: number, patch: ZonePatch, now: number): Promise<ZoneRecord | null>;
  /** Its bindings go with it; throws ConflictError `zone_in_use` while anything refers to it. */
  delete(id: number): Promise<boolean>;
}

export interface BindingRecord {
  zoneId: number;
  role: BindingRole;
  nodeId: number;
  nodeUid: string;
  channel: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A node leaving its zone (detach, reassignment) drops its bindings in the database, so a
 * binding always names a node bound to the zone.
 */
export interface BindingRepo {
  listForZone(zoneId: number): Promise<BindingRecord[]>;
  /** Binds or rebinds `role`; throws ConflictError `binding_channel_in_use` for a taken channel. */
  put(
    input: { zoneId: number; role: BindingRole; nodeId: number; channel: string },
    now: number,
  ): Promise<BindingRecord>;
  delete(zoneId: number, role: BindingRole): Promise<boolean>;
}

export interface PlantRecord {
  id: number;
  name: string;
  species: string | null;
  variety: string | null;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NutrientProductRecord {
  id: number;
  name: string;
  manufacturer: string | null;
  component: NutrientComponent;
  description: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Create, read, update and delete of a flat catalog record. */
export interface CatalogRepo<R extends { id: number; createdAt: number; updatedAt: number }> {
  create(input: Omit<R, 'id' | 'createdAt' | 'updatedAt'>, now: number): Promise<R>;
  byId(id: number): Promise<R | null>;
  list(): Promise<R[]>;
  update(
    id: number,
    patch: Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>,
    now: number,
  ): Promise<R | null>;
  /** Throws ConflictError `<kind>_in_use` while a recipe, phase or cycle refers to it. */
  delete(id: number): Promise<boolean>;
}

export interface RecipeRecord {
  id: number;
  name: string;
  description: string | null;
  plantId: number | null;
  createdAt: number;
  updatedAt: number;
}

export type RevisionStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';

export interface RevisionRecord {
  id: number;
  recipeId: number;
  revisionNumber: number;
  status: RevisionStatus;
  description: string | null;
  publishedAt: number | null;
  archivedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The target columns a recipe phase and a cycle's phase snapshot share (reference §3.2). */
export interface PhaseTargets {
  name: string;
  phTarget: number;
  phMin: number;
  phMax: number;
  ecTarget: number;
  ecMin: number;
  ecMax: number;
  nutrientNpkRatioPct: number | null;
  nutrientCalciumRatioPct: number | null;
  nutrientMagnesiumRatioPct: number | null;
  nutrientMicroRatioPct: number | null;
  nutrientNpkProductId: number | null;
  nutrientCalciumProductId: number | null;
  nutrientMagnesiumProductId: number | null;
  nutrientMicroProductId: number | null;
  irrigationMode: 'SUBSTRATE' | 'RECIRC' | null;
  irrigationIntervalSec: number | null;
  irrigationDurationSec: number | null;
  lightingPhotoperiodHours: number | null;
  lightingStartTime: string | null;
  tempAirDay: number | null;
  tempAirNight: number | null;
  humidityDay: number | null;
  humidityNight: number | null;
  durationHours: number | null;
  durationDays: number | null;
  dayNightEnabled: boolean;
  dayNight: DayNight | null;
}

/** Every PhaseTargets field (the compiler rejects a missing one); columns are their snake_case. */
export const PHASE_TARGET_FIELDS = Object.keys({
  name: true,
  phTarget: true,
  phMin: true,
  phMax: true,
  ecTarget: true,
  ecMin: true,
  ecMax: true,
  nutrientNpkRatioPct: true,
  nutrientCalciumRatioPct: true,
  nutrientMagnesiumRatioPct: true,
  nutrientMicroRatioPct: true,
  nutrientNpkProductId: true,
  nutrientCalciumProductId: true,
  nutrientMagnesiumProductId: true,
  nutrientMicroProductId: true,
  irrigationMode: true,
  irrigationIntervalSec: true,
  irrigationDurationSec: true,
  lightingPhotoperiodHours: true,
  lightingStartTime: true,
  tempAirDay: true,
  tempAirNight: true,
  humidityDay: true,
  humidityNight: true,
  durationHours: true,
  durationDays: true,
  dayNightEnabled: true,
  dayNight: true,
} satisfies Record<keyof PhaseTargets, true>) as (keyof PhaseTargets)[];

export interface RecipePhaseRecord extends PhaseTargets {
  id: number;
  revisionId: number;
  phaseIndex: number;
}

export interface RecipeRepo extends CatalogRepo<RecipeRecord> {
  revisions(recipeId: number): Promise<RevisionRecord[]>;
  revisionById(id: number): Promise<RevisionRecord | null>;
  /** A DRAFT numbered after the recipe's last revision, with a copy of `copyFrom`'s phases. */
  createRevision(
    input: { recipeId: number; description: string | null; copyFrom: number | null },
    now: number,
  ): Promise<RevisionRecord>;
  /** Throws ConflictError `revision_not_editable` unless the revision is a DRAFT. */
  updateRevision(
    id: number,
    patch: { description: string | null },
    now: number,
  ): Promise<RevisionRecord>;
  /**
   * Moves the revision from one of `from` to `to` (stamping published_at / archived_at); null
   * when it is in another status. Publishing also needs at least one phase.
   */
  setRevisionStatus(
    id: number,
    from: RevisionStatus[],
    to: RevisionStatus,
    now: number,
  ): Promise<RevisionRecord | null>;
  phases(revisionId: number): Promise<RecipePhaseRecord[]>;
  phaseById(id: number): Promise<RecipePhaseRecord | null>;
  /**
   * Phase edits of a DRAFT only (ConflictError `revision_not_editable` otherwise); a phase_index
   * used twice in one revision is ConflictError `phase_index_taken`. `phaseIndex` null appends.
   */
  addPhase(
    revisionId: number,
    phaseIndex: number | null,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord>;
  updatePhase(
    id: number,
    phaseIndex: number,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord>;
  deletePhase(id: number, now: number): Promise<void>;
}

export interface CycleRecord {
  id: number;
  zoneId: number;
  recipeRevisionId: number;
  plantId: number | null;
  status: CycleStatus;
  batchLabel: string | null;
  notes: string | null;
  currentPhaseIndex: number;
  phaseStartedAt: number | null;
  plantingAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  actualHarvestAt: number | null;
  yieldKg: number | null;
  recipeCompletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CyclePhaseRecord extends PhaseTargets {
  cycleId: number;
  phaseIndex: number;
  /** The recipe phase it was copied from (the snapshot outlives later template changes). */
  sourcePhaseId: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

export interface CycleTransitionRecord {
  id: number;
  cycleId: number;
  triggerType: CycleTrigger;
  fromStatus: CycleStatus | null;
  toStatus: CycleStatus;
  fromPhaseIndex: number | null;
  toPhaseIndex: number | null;
  actor: string;
  comment: string | null;
  at: number;
}

export interface CycleInput {
  zoneId: number;
  recipeRevisionId: number;
  plantId: number | null;
  batchLabel: string | null;
  notes: string | null;
  plantingAt: number | null;
  /** The revision's phases, copied into the cycle's snapshot; the first becomes current. */
  phases: (PhaseTargets & { phaseIndex: number; sourcePhaseId: number | null })[];
  actor: string;
}

/** One step of the cycle state machine, applied atomically (core/src/domain/cycle-machine.ts). */
export interface CycleChange {
  /** Applied only while the cycle is in one of these and at `fromPhaseIndex`. */
  from: readonly CycleStatus[];
  fromPhaseIndex: number;
  status: CycleStatus;
  phaseIndex: number;
  /** The phase at `fromPhaseIndex` ends now. */
  endPhase: boolean;
  /** The phase at `phaseIndex` (re)starts now (clears the end-of-recipe mark). */
  startPhase: boolean;
  fields: Partial<
    Pick<CycleRecord, 'plantingAt' | 'startedAt' | 'endedAt' | 'actualHarvestAt' | 'yieldKg'>
  >;
  trigger: CycleTrigger;
  actor: string;
  comment: string | null;
}

export interface CycleRepo {
  /** A PLANNED cycle; throws ConflictError `zone_has_active_cycle` when the zone has one. */
  create(input: CycleInput, now: number): Promise<CycleRecord>;
  byId(id: number): Promise<CycleRecord | null>;
  list(filter?: { zoneId?: number; statuses?: readonly CycleStatus[] }): Promise<CycleRecord[]>;
  /** The zone's PLANNED, RUNNING or PAUSED cycle. */
  activeForZone(zoneId: number): Promise<CycleRecord | null>;
  phases(cycleId: number): Promise<CyclePhaseRecord[]>;
  transitions(cycleId: number): Promise<CycleTransitionRecord[]>;
  /** Applies `change` and records its transition; null when the cycle moved on meanwhile. */
  apply(id: number, change: CycleChange, now: number): Promise<CycleRecord | null>;
  /** Stamps the end-of-recipe review (once: false when it was already stamped). */
  markRecipeCompleted(id: number, now: number): Promise<boolean>;
}
