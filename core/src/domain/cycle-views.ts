import type {
  CycleDetail,
  CyclePhaseView,
  CycleTransitionView,
  CycleView,
} from '../contracts/cycles.js';
import type {
  CyclePhaseRecord,
  CycleRecord,
  CycleTransitionRecord,
} from '../storage/domain-types.js';
import type { Storage } from '../storage/storage.js';
import { expectedHarvestAt, nextPhaseIndex, phaseDueAt } from './cycle-machine.js';
import { iso, phaseTargetsView } from './views.js';

export function cycleView(cycle: CycleRecord, phases: CyclePhaseRecord[], now: number): CycleView {
  const current = phases.find((p) => p.phaseIndex === cycle.currentPhaseIndex)!;
  const dueAt = phaseDueAt(cycle, current);
  return {
    id: cycle.id,
    zone_id: cycle.zoneId,
    recipe_revision_id: cycle.recipeRevisionId,
    plant_id: cycle.plantId,
    status: cycle.status,
    batch_label: cycle.batchLabel,
    notes: cycle.notes,
    planting_at: iso(cycle.plantingAt),
    started_at: iso(cycle.startedAt),
    ended_at: iso(cycle.endedAt),
    actual_harvest_at: iso(cycle.actualHarvestAt),
    yield_kg: cycle.yieldKg,
    current_phase: {
      phase_index: current.phaseIndex,
      name: current.name,
      started_at: iso(cycle.phaseStartedAt),
      due_at: iso(dueAt),
      ready: dueAt !== null && dueAt <= now && cycle.endedAt === null,
      has_next: nextPhaseIndex(phases, cycle.currentPhaseIndex) !== undefined,
    },
    phase_count: phases.length,
    expected_harvest_at: iso(expectedHarvestAt(cycle, phases)),
    recipe_completed_at: iso(cycle.recipeCompletedAt),
    created_at: iso(cycle.createdAt),
    updated_at: iso(cycle.updatedAt),
  };
}

export function cyclePhaseView(p: CyclePhaseRecord): CyclePhaseView {
  return {
    ...phaseTargetsView(p),
    phase_index: p.phaseIndex,
    started_at: iso(p.startedAt),
    ended_at: iso(p.endedAt),
  };
}

export function transitionView(t: CycleTransitionRecord): CycleTransitionView {
  return {
    id: t.id,
    trigger_type: t.triggerType,
    from_status: t.fromStatus,
    to_status: t.toStatus,
    from_phase_index: t.fromPhaseIndex,
    to_phase_index: t.toPhaseIndex,
    actor: t.actor,
    comment: t.comment,
    at: iso(t.at),
  };
}

export async function loadCycleView(
  storage: Storage,
  cycle: CycleRecord,
  now: number,
): Promise<CycleView> {
  return cycleView(cycle, await storage.cycles.phases(cycle.id), now);
}

export async function loadCycleDetail(
  storage: Storage,
  cycle: CycleRecord,
  now: number,
): Promise<CycleDetail> {
  const phases = await storage.cycles.phases(cycle.id);
  return {
    ...cycleView(cycle, phases, now),
    phases: phases.map(cyclePhaseView),
    transitions: (await storage.cycles.transitions(cycle.id)).map(transitionView),
  };
}
