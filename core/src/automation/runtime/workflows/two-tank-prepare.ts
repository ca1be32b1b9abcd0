import type { StageContext, StepResult, Workflow } from '../workflow.js';
import { STARTUP_HOLD_MS } from './tank-config.js';
import { readLevels } from './tank-levels.js';
import { ignoreStep, routeTo, startupStage } from './tank-startup.js';
import {
  TWO_TANK_FLOW_STEPS,
  TWO_TANK_HOLDS,
  twoTankFlowPhase,
  twoTankFlowStages,
} from './tank-two-tank-flow.js';

/**
 * `cycle_start` on a two-tank zone (reference-domain §5.2): prepare a tank of solution from
 * whatever the tanks hold now, ending in `ready`.
 *
 * startup → clean_fill_start/check → solution_fill_start/check → (ready band met: ready)
 *         → prepare_recirculation_start/check → ready
 *
 * The solution tank running low during recirculation goes back to startup (a re-fill).
 */

/**
 * Auto: a full clean tank goes straight to the solution fill. Operator steps (semi, manual):
 * `clean_fill_start`; `solution_fill_start` only with a full clean tank; manual-only
 * `force_solution_fill_start` skips the clean-tank check.
 */
async function route(ctx: StageContext, step: string | null): Promise<StepResult | null> {
  if (step === 'force_solution_fill_start') {
    if (ctx.mode !== 'manual') return ignoreStep(ctx, step, 'manual_mode_only');
    return routeTo(ctx, 'solution_fill_start', { step, forced: true });
  }
  if (step === 'clean_fill_start') return routeTo(ctx, 'clean_fill_start', { step });
  if (step !== null && step !== 'solution_fill_start')
    return ignoreStep(ctx, step, 'not_a_startup_step');
  const read = await readLevels(ctx, ['level_clean_min', 'level_clean_max']);
  if (read.kind === 'stop') return read.result;
  const full = read.levels.level_clean_max === true;
  if (step !== null && !full) return ignoreStep(ctx, step, 'clean_tank_not_full');
  return routeTo(ctx, full ? 'solution_fill_start' : 'clean_fill_start', {
    step,
    level_clean_max: full,
  });
}

export const twoTankPrepare: Workflow = {
  kind: 'cycle_start',
  firstStage: 'startup',
  firstDeadlineMs: STARTUP_HOLD_MS,
  stages: {
    startup: startupStage('two_tank', route),
    ...twoTankFlowStages({
      afterFill: (ready) =>
        ready
          ? { stage: 'complete_ready', deadlineMs: null }
          : { stage: 'prepare_recirculation_start', deadlineMs: null },
      lowWater: { stage: 'startup', deadlineMs: STARTUP_HOLD_MS },
    }),
  },
  phaseOf: (stage) => (stage === 'startup' ? 'idle' : twoTankFlowPhase(stage)),
  flowPath: true,
  holds: TWO_TANK_HOLDS,
  manualSteps: {
    startup: ['clean_fill_start', 'solution_fill_start', 'force_solution_fill_start'],
    ...TWO_TANK_FLOW_STEPS,
  },
};
