import type { BindingRole } from '../../../contracts/bindings.js';
import {
  DILUTE_DEFAULTS,
  DOSE_POLICY_DEFAULTS,
  EC_PUMPS,
  PH_PUMPS,
  PID_DEFAULTS,
  PROCESS_CALIBRATION_DEFAULTS,
  type Direction,
  type DosePolicy,
  type Metric,
} from '../../correction/config.js';
import type { DosePump, DoseTickInput } from '../../correction/dose-types.js';
import { NO_LEARNING, effectiveGain, type GainLearning } from '../../correction/pid.js';
import type { StageContext } from '../workflow.js';
import type { CorrControllers, CorrWindow } from './corr-state.js';
import type { CorrectionStage } from './correction-types.js';
import type { Goal } from './goal.js';

/**
 * The inputs of one controller tick (correction/dose.ts) from the zone: catalog controller
 * settings (§4.10), pump calibrations, the learned gains in zone memory and, for recirculation EC
 * steps, the dilution path.
 */

/** Zone memory key of the learned process response per pump role (§4.6). */
export const LEARNING_KEY = 'gain_learning';

export const CALIBRATION = {
  transportDelaySec: PROCESS_CALIBRATION_DEFAULTS.transportDelaySec,
  settleSec: PROCESS_CALIBRATION_DEFAULTS.settleSec,
};

/** The fill runs one window for the whole fill and ignores the attempt caps (§4.1). */
export function policyOf(stage: CorrectionStage, metric: Metric): DosePolicy {
  const policy = DOSE_POLICY_DEFAULTS[metric];
  return stage === 'solution_fill' ? { ...policy, maxAttempts: null } : policy;
}

export function pumpRole(metric: Metric, direction: Direction, goal: Goal): BindingRole | null {
  if (metric === 'ph') return PH_PUMPS[direction] as BindingRole;
  if (direction === 'down' || !goal.component) return null;
  return EC_PUMPS[goal.component] as BindingRole;
}

function authGain(metric: Metric, direction: Direction): number {
  if (metric === 'ec') return PROCESS_CALIBRATION_DEFAULTS.ecGainPerMl;
  return direction === 'up'
    ? PROCESS_CALIBRATION_DEFAULTS.phUpGainPerMl
    : PROCESS_CALIBRATION_DEFAULTS.phDownGainPerMl;
}

export async function learningOf(
  ctx: StageContext,
): Promise<Partial<Record<BindingRole, GainLearning>>> {
  const memory = await ctx.zoneMemory();
  const stored = memory[LEARNING_KEY];
  return stored && typeof stored === 'object' ? stored : {};
}

export async function doseInput(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
  controllers: CorrControllers,
  goal: Goal,
  value: number,
): Promise<DoseTickInput> {
  const { metric } = goal;
  const learning = await learningOf(ctx);
  const pumps: DoseTickInput['pumps'] = {};
  const directions: Direction[] = metric === 'ph' ? ['up', 'down'] : ['up'];
  for (const direction of directions) {
    const role = pumpRole(metric, direction, goal);
    if (!role) continue;
    const mlPerSec = await ctx.io.pumpRate(role);
    // An uncalibrated or unbound pump is left out: decideDose then stops with the
    // calibration-missing config error, but only when a dose in that direction is needed.
    if (mlPerSec === null) continue;
    const gainPerMl = effectiveGain(authGain(metric, direction), learning[role] ?? NO_LEARNING, {
      floorAtCalibration: stage === 'tank_recirc' && metric === 'ec',
    });
    const pump: DosePump = { channel: role, mlPerSec, gainPerMl };
    pumps[direction] = pump;
  }
  const input: DoseTickInput = {
    metric,
    now: ctx.now,
    value,
    target: goal.target,
    pid: PID_DEFAULTS[metric],
    policy: policyOf(stage, metric),
    calibration: CALIBRATION,
    state: controllers[metric],
    pumps,
  };
  if (stage === 'tank_recirc' && metric === 'ec' && (await ctx.io.has('valve_clean_supply'))) {
    const max = await ctx.io.level('level_solution_max');
    input.dilution = {
      policy: DILUTE_DEFAULTS,
      attempts: window.dilutions,
      // A stale switch blocks dilution too: adding water must never risk an overflow (§11.7).
      solutionMaxTriggered: max.triggered !== false,
    };
  }
  return input;
}
