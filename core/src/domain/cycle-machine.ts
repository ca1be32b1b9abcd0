import type { CycleStatus } from '../contracts/cycles.js';
import type { CycleChange, CycleRecord, PhaseTargets } from '../storage/domain-types.js';
import { ConflictError, UnprocessableError } from './errors.js';

/**
 * The grow-cycle state machine (reference-domain §3.1): PLANNED → RUNNING ⇄ PAUSED → HARVESTED,
 * and ABORTED from any active status. Pure: it decides the change, the repository applies it
 * atomically and only if the cycle has not moved meanwhile.
 */
export type CycleAction =
  | { type: 'start'; plantingAt?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'advance'; auto?: boolean }
  | { type: 'set_phase'; phaseIndex: number }
  | { type: 'harvest'; actualHarvestAt?: number; yieldKg?: number }
  | { type: 'abort' };

const HOUR_MS = 3_600_000;

type Duration = Pick<PhaseTargets, 'durationHours' | 'durationDays'>;

/** Hours plus days, as the reference's auto-advance sums them; null when the phase has neither. */
export function phaseDurationMs(phase: Duration): number | null {
  if (phase.durationHours === null && phase.durationDays === null) return null;
  return ((phase.durationHours ?? 0) + 24 * (phase.durationDays ?? 0)) * HOUR_MS;
}

/** When the current phase is up; null before the cycle starts or for an open-ended phase. */
export function phaseDueAt(
  cycle: Pick<CycleRecord, 'phaseStartedAt'>,
  phase: Duration,
): number | null {
  const duration = phaseDurationMs(phase);
  return cycle.phaseStartedAt === null || duration === null
    ? null
    : cycle.phaseStartedAt + duration;
}

export function nextPhaseIndex(
  phases: { phaseIndex: number }[],
  current: number,
): number | undefined {
  return phases
    .map((p) => p.phaseIndex)
    .filter((index) => index > current)
    .sort((a, b) => a - b)[0];
}

/** The current phase's due time plus the durations of every later phase (null if one is open). */
export function expectedHarvestAt(
  cycle: Pick<CycleRecord, 'phaseStartedAt' | 'currentPhaseIndex'>,
  phases: (Duration & { phaseIndex: number })[],
): number | null {
  const current = phases.find((p) => p.phaseIndex === cycle.currentPhaseIndex);
  let at = current ? phaseDueAt(cycle, current) : null;
  for (const later of phases.filter((p) => p.phaseIndex > cycle.currentPhaseIndex)) {
    const duration = phaseDurationMs(later);
    if (at === null || duration === null) return null;
    at += duration;
  }
  return at;
}

const ACTIVE: readonly CycleStatus[] = ['PLANNED', 'RUNNING', 'PAUSED'];
const STARTED: readonly CycleStatus[] = ['RUNNING', 'PAUSED'];

type Base = Omit<CycleChange, 'from' | 'status' | 'trigger'>;

export function planTransition(
  cycle: CycleRecord,
  phases: { phaseIndex: number }[],
  action: CycleAction,
  now: number,
  by: { actor: string; comment: string | null },
): CycleChange {
  const base: Base = {
    fromPhaseIndex: cycle.currentPhaseIndex,
    phaseIndex: cycle.currentPhaseIndex,
    endPhase: false,
    startPhase: false,
    fields: {},
    ...by,
  };
  const from = (allowed: readonly CycleStatus[], verb: string) => {
    if (allowed.includes(cycle.status)) return allowed;
    throw new ConflictError(
      'cycle_invalid_transition',
      `Cannot ${verb} a ${cycle.status} cycle (it must be ${allowed.join(' or ')})`,
    );
  };
  switch (action.type) {
    case 'start':
      return {
        ...base,
        from: from(['PLANNED'], 'start'),
        status: 'RUNNING',
        startPhase: true,
        fields: { startedAt: now, plantingAt: action.plantingAt ?? cycle.plantingAt ?? now },
        trigger: 'CYCLE_STARTED',
      };
    case 'pause':
      return {
        ...base,
        from: from(['RUNNING'], 'pause'),
        status: 'PAUSED',
        trigger: 'CYCLE_PAUSED',
      };
    case 'resume':
      return {
        ...base,
        from: from(['PAUSED'], 'resume'),
        status: 'RUNNING',
        trigger: 'CYCLE_RESUMED',
      };
    case 'advance':
      // Auto-advance moves only running cycles; a person may advance a paused one too.
      return planPhaseMove(
        cycle,
        phases,
        action,
        base,
        from(action.auto ? ['RUNNING'] : STARTED, 'advance'),
      );
    case 'set_phase':
      return planPhaseMove(cycle, phases, action, base, from(STARTED, 'switch the phase of'));
    case 'harvest':
      return {
        ...base,
        from: from(STARTED, 'harvest'),
        status: 'HARVESTED',
        endPhase: true,
        fields: {
          endedAt: now,
          actualHarvestAt: action.actualHarvestAt ?? now,
          yieldKg: action.yieldKg,
        },
        trigger: 'HARVEST',
      };
    case 'abort':
      // A planned cycle never started its first phase.
      return {
        ...base,
        from: from(ACTIVE, 'abort'),
        status: 'ABORTED',
        endPhase: cycle.status !== 'PLANNED',
        fields: { endedAt: now },
        trigger: 'ABORT',
      };
  }
}

/** The current phase ends and another starts; the status stays. */
function planPhaseMove(
  cycle: CycleRecord,
  phases: { phaseIndex: number }[],
  action: Extract<CycleAction, { type: 'advance' | 'set_phase' }>,
  base: Base,
  from: readonly CycleStatus[],
): CycleChange {
  let target: number | undefined;
  if (action.type === 'advance') {
    target = nextPhaseIndex(phases, cycle.currentPhaseIndex);
    if (target === undefined)
      throw new ConflictError('cycle_no_next_phase', 'The cycle is in its last phase');
  } else {
    target = action.phaseIndex;
    if (!phases.some((p) => p.phaseIndex === target))
      throw new UnprocessableError(
        'cycle_phase_not_found',
        `The cycle has no phase with phase_index ${target}`,
      );
    if (target === cycle.currentPhaseIndex)
      throw new ConflictError('cycle_already_in_phase', 'The cycle is already in that phase');
  }
  const auto = action.type === 'advance' && action.auto === true;
  return {
    ...base,
    from,
    status: cycle.status,
    phaseIndex: target,
    endPhase: true,
    startPhase: true,
    trigger:
      action.type === 'set_phase' ? 'MANUAL_SWITCH' : auto ? 'AUTO_ADVANCE' : 'MANUAL_ADVANCE',
  };
}
