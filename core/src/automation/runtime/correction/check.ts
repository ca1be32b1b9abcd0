import { decideDose } from '../../correction/dose.js';
import type { StageContext } from '../workflow.js';
import { captureBaseline } from './baseline.js';
import type { CorrControllers, CorrWindow } from './corr-state.js';
import type { CorrectionOutcome, CorrectionStage } from './correction-types.js';
import { actOn } from './decide.js';
import { doseInput } from './dose-input.js';
import { goalOf } from './goal.js';
import { retryLater, waitFor } from './outcomes.js';
import { measure, windowSkipPayload } from './probes.js';

/** `low_water_retry_sec` (§4.10). */
export const LOW_WATER_RETRY_MS = 60_000;

/**
 * `corr_check` (reference-domain §4.3, §4.4): water in the tank, the goal of the stage, a usable
 * decision window of its metric, then one controller tick whose decision the runner carries out.
 */
export async function runCheck(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
  controllers: CorrControllers,
): Promise<CorrectionOutcome> {
  if (window.retryAt !== null && ctx.now < window.retryAt)
    return waitFor(ctx, window.retryAt - ctx.now);
  window.retryAt = null;
  const level = await ctx.io.level('level_solution_min');
  if (level.triggered !== true) {
    // Recirculation and irrigation stop their flow (the stage records why).
    if (stage !== 'solution_fill') return { kind: 'low_water' };
    // The fill corrects in-flow once the tank holds water; until then it waits (§4.4).
    await ctx.event('CORRECTION_SKIPPED_WATER_LEVEL', {
      level: level.triggered,
      retry_in_ms: LOW_WATER_RETRY_MS,
    });
    return retryLater(ctx, window, LOW_WATER_RETRY_MS);
  }
  if (stage === 'solution_fill' && !window.baselineCaptured) {
    const pending = await captureBaseline(ctx, window);
    if (pending) return pending;
  }
  const goal = await goalOf(ctx, stage, controllers);
  if (goal.kind === 'done') return { kind: 'done' };
  if (goal.kind === 'fail') return goal.outcome;
  const measured = await measure(ctx.io, goal.goal.metric, ctx.now, window.activatedAt);
  if (!measured.ok) {
    // Stale, too few samples, unstable or out of bounds: no dose and no PID update (§4.4).
    await ctx.event(measured.event, {
      ...windowSkipPayload(goal.goal.metric, measured),
      pipeline_step: goal.goal.pipelineStep,
    });
    return retryLater(ctx, window, measured.retryAt - ctx.now);
  }
  const input = await doseInput(ctx, stage, window, controllers, goal.goal, measured.value);
  return actOn(ctx, stage, window, controllers, goal.goal, decideDose(input));
}
