import type { BindingView } from '../contracts/bindings.js';
import { BINDING_ROLES } from '../contracts/bindings.js';
import type { NutrientProductView, PlantView } from '../contracts/catalog.js';
import type { GreenhouseView } from '../contracts/greenhouses.js';
import type {
  PhaseTargetsView,
  RecipePhaseInput,
  RecipePhaseView,
  RecipeView,
  RevisionView,
} from '../contracts/recipes.js';
import type { ZoneView } from '../contracts/zones.js';
import {
  PHASE_TARGET_FIELDS,
  type BindingRecord,
  type GreenhouseRecord,
  type NutrientProductRecord,
  type PhaseTargets,
  type PlantRecord,
  type RecipePhaseRecord,
  type RecipeRecord,
  type RevisionRecord,
  type ZoneRecord,
} from '../storage/domain-types.js';

/** Records as the API shows them: snake_case fields, instants as ISO 8601 strings. */

export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function greenhouseView(g: GreenhouseRecord): GreenhouseView {
  return {
    id: g.id,
    uid: g.uid,
    name: g.name,
    timezone: g.timezone,
    description: g.description,
    created_at: iso(g.createdAt),
    updated_at: iso(g.updatedAt),
  };
}

export function zoneView(z: ZoneRecord): ZoneView {
  return {
    id: z.id,
    uid: z.uid,
    name: z.name,
    description: z.description,
    greenhouse_id: z.greenhouseId,
    greenhouse_uid: z.greenhouseUid,
    control_mode: z.controlMode,
    workflow_phase: z.workflowPhase,
    topology: z.topology,
    settings: z.settings,
    created_at: iso(z.createdAt),
    updated_at: iso(z.updatedAt),
  };
}

export function bindingView(b: BindingRecord): BindingView {
  return {
    zone_id: b.zoneId,
    role: b.role,
    kind: BINDING_ROLES[b.role],
    node_id: b.nodeId,
    node_uid: b.nodeUid,
    channel: b.channel,
    created_at: iso(b.createdAt),
    updated_at: iso(b.updatedAt),
  };
}

export function plantView(p: PlantRecord): PlantView {
  return {
    id: p.id,
    name: p.name,
    species: p.species,
    variety: p.variety,
    description: p.description,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export function nutrientProductView(p: NutrientProductRecord): NutrientProductView {
  return {
    id: p.id,
    name: p.name,
    manufacturer: p.manufacturer,
    component: p.component,
    description: p.description,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export function revisionView(r: RevisionRecord): RevisionView {
  return {
    id: r.id,
    recipe_id: r.recipeId,
    revision_number: r.revisionNumber,
    status: r.status,
    description: r.description,
    published_at: iso(r.publishedAt),
    archived_at: iso(r.archivedAt),
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

export function recipeView(r: RecipeRecord, revisions: RevisionRecord[]): RecipeView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    plant_id: r.plantId,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
    revisions: revisions.map(revisionView),
  };
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The phase columns under their API (snake_case) names; the contract's keys are exactly these. */
export function phaseTargetsView(p: PhaseTargets): PhaseTargetsView {
  return Object.fromEntries(
    PHASE_TARGET_FIELDS.map((field) => [snake(field), p[field]]),
  ) as unknown as PhaseTargetsView;
}

/** The phase targets of a validated request. */
export function phaseTargetsOf(input: RecipePhaseInput): PhaseTargets {
  const source = input as unknown as Record<string, unknown>;
  return Object.fromEntries(
    PHASE_TARGET_FIELDS.map((field) => [field, source[snake(field)]]),
  ) as unknown as PhaseTargets;
}

export function recipePhaseView(p: RecipePhaseRecord): RecipePhaseView {
  return {
    id: p.id,
    revision_id: p.revisionId,
    phase_index: p.phaseIndex,
    ...phaseTargetsView(p),
  };
}
