import type { Metric } from '../../correction/config.js';
import { STAGE_PERMISSIONS } from '../../correction/pipeline.js';
import type { StageContext } from '../workflow.js';
import { runCheck } from './check.js';
import { controllersOf, resetWindow, windowOf, type CorrWindow } from './corr-state.js';
import type { CorrectionOutcome, CorrectionStage } from './correction-types.js';
import { stepDilution } from './dilute.js';
import { observeDose, settleDose } from './dose-done.js';
import { runPlan, waitFor } from './outcomes.js';
import { SENSOR_ROLE, SENSOR_STABILIZATION_SEC, sensorModeSteps } from './probes.js';

/**
 * The pH/EC correction runner (reference-domain §4): one tick of the `corr_step` sub-state
 * machine kept in `ctx.state.corr`, called by the flow stage that hosts it each time the stage is
 * stepped. The stage checks its own guards and deadline first and acts on the outcome; every
 * command goes out as a plan that returns to the same stage (which keeps its start and deadline).
 *
 *   activate ─plan activate_sensor_mode─► activating ─► stabilize (8 s) ─► check
 *   check ─► dose plan ─► dosing (DONE) ─► hold (transport + settle) ─► observe ─► check
 *        ├─► dilute plan ─► pulse ─► close plan ─► settle ─► check     (recirc EC overshoot)
 *        ├─► wait (cooldown, stale/not-ready window, low water in the fill)
 *        └─► done | exhausted | fail | low_water
 */
export async function correctionTick(
  ctx: StageContext,
  stage: CorrectionStage,
): Promise<CorrectionOutcome> {
  const window = windowOf(ctx.state, stage);
  const controllers = controllersOf(ctx.state);
  switch (window.step) {
    case 'activate':
      return activate(ctx, stage, window);
    case 'activating':
      window.activatedAt = ctx.now;
      window.until = ctx.now + SENSOR_STABILIZATION_SEC * 1000;
      window.step = 'stabilize';
      return waitFor(ctx, window.until - ctx.now);
    case 'stabilize':
      if (window.until !== null && ctx.now < window.until)
        return waitFor(ctx, window.until - ctx.now);
      window.until = null;
      window.step = 'check';
      break;
    case 'dosing':
      return settleDose(ctx, window, controllers);
    case 'hold': {
      const observed = await observeDose(ctx, window, controllers);
      if (observed) return observed;
      break;
    }
    case 'dilute_opening':
    case 'dilute_pulse':
    case 'dilute_closing':
    case 'dilute_settle': {
      const diluting = await stepDilution(ctx, window);
      if (diluting) return diluting;
      break;
    }
    case 'check':
      break;
  }
  return runCheck(ctx, stage, window, controllers);
}

/**
 * Forget the correction window: the stage starts a new one (probes activated again, attempt caps
 * cleared). Controller memory, no-effect counts and the recirculation pipeline position stay for
 * the rest of the task; a solution fill starts the pipeline over.
 */
export function resetCorrection(state: Record<string, unknown>): void {
  resetWindow(state);
}

/** The metrics a stage measures: what it may correct, plus pH for the fill's water baseline. */
function sensedMetrics(stage: CorrectionStage): Metric[] {
  if (stage === 'solution_fill') return ['ec', 'ph'];
  const allowed = STAGE_PERMISSIONS[stage];
  return (['ec', 'ph'] as const).filter((metric) => allowed[metric]);
}

async function activate(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
): Promise<CorrectionOutcome> {
  for (const metric of sensedMetrics(stage)) {
    if (!(await ctx.io.has(SENSOR_ROLE[metric])))
      return { kind: 'fail', code: 'correction_sensor_not_bound' };
  }
  window.step = 'activating';
  const steps = await sensorModeSteps(ctx.io, true);
  return runPlan(ctx, 'sensor_mode_activate', steps, 'sensor_mode_activation_failed');
}
