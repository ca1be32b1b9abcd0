import type { CommandStep } from '../plans.js';
import type { AlertIntent, StageContext } from '../workflow.js';
import type { CorrWindow } from './corr-state.js';
import type { CorrectionOutcome } from './correction-types.js';

/** Small builders of correction outcomes. */

/**
 * The longest the runner lets its stage sleep. Every correction step keeps its own timer in the
 * task state (hold, retry, settle…), so being stepped early is harmless, while the host stage's
 * guards (tank full, leak, source empty) keep their pace however the stage uses the result.
 */
export const CORRECTION_POLL_MS = 2_000;

/**
 * Step the stage again in `ms` (at most CORRECTION_POLL_MS), never past the stage deadline:
 * correction lives inside the parent stage's deadline (§4.3), so the stage gets control back when
 * it expires.
 */
export function waitFor(ctx: StageContext, ms: number): CorrectionOutcome {
  const deadline = ctx.task.stageDeadlineAt;
  let delayMs = Math.min(CORRECTION_POLL_MS, Math.max(0, Math.round(ms)));
  if (deadline !== null && deadline > ctx.now) delayMs = Math.min(delayMs, deadline - ctx.now);
  return { kind: 'continue', result: { kind: 'wait', delayMs } };
}

/**
 * Look again in `ms`: `corr_check` stays quiet until then even when the stage steps it earlier
 * (stages poll their level guards faster than the correction's retry delays).
 */
export function retryLater(ctx: StageContext, window: CorrWindow, ms: number): CorrectionOutcome {
  window.retryAt = ctx.now + Math.max(0, ms);
  return waitFor(ctx, ms);
}

/**
 * Run `steps` and come back to the current stage, which keeps its start and deadline (the engine
 * treats a plan returning to its own stage as a continuation, not a stage change).
 */
export function runPlan(
  ctx: StageContext,
  name: string,
  steps: readonly CommandStep[],
  failCode: string,
): CorrectionOutcome {
  return {
    kind: 'continue',
    result: { kind: 'plan', name, steps, then: ctx.task.stage, failCode },
  };
}

/** The number the engine will give the next plan (plan-runner `startPlan`). */
export function nextPlanSeq(state: Record<string, unknown>): number {
  return ((state.planSeq as number | undefined) ?? 0) + 1;
}

export function exhausted(code: string, alert?: AlertIntent): CorrectionOutcome {
  return alert ? { kind: 'exhausted', code, alert } : { kind: 'exhausted', code };
}
