import { correctionTick, resetCorrection } from '../correction/runner.js';
import type { CommandStep } from '../plans.js';
import type { StageContext, StepResult } from '../workflow.js';
import { RECIRC_MAX_WINDOWS, RECIRC_WINDOW_MS } from './tank-config.js';
import { readLevels } from './tank-levels.js';
import {
  count,
  deadlinePassed,
  operatorStop,
  pumpRest,
  stopPlan,
  type Route,
} from './tank-steps.js';

/**
 * Circulating a prepared tank past the probes while the correction runs the full pipeline
 * (reference-domain §4.2, §5.2): the two-tank `prepare_recirculation_*` and the single-tank
 * `mix_*` stages. The flow runs in windows of `RECIRC_WINDOW_MS`; a window that times out or
 * whose correction gives up is stopped (confirmed) and a new one opened, up to
 * `RECIRC_MAX_WINDOWS`. A tank that runs low goes back to be filled again: not a failure.
 */

export interface Circulation {
  /** Its start stage (a new window opens there) and its check stage. */
  readonly start: string;
  readonly check: string;
  /** Stop plan of the flow, pump first. */
  readonly stop: readonly CommandStep[];
  /** Where a tank that ran low goes. */
  readonly lowWater: Route;
}

/** Open a window: after the pump's rest, a new correction window and the start plan. */
export function openWindow(
  ctx: StageContext,
  flow: Circulation,
  steps: readonly CommandStep[],
): StepResult {
  const rest = pumpRest(ctx);
  if (rest) return rest;
  delete ctx.state.flowSince;
  resetCorrection(ctx.state);
  return {
    kind: 'plan',
    name: flow.start,
    steps,
    then: flow.check,
    thenDeadlineMs: RECIRC_WINDOW_MS,
  };
}

/**
 * One look at a circulating tank: operator stop, the low-level guard, the window deadline,
 * `beforeCorrection` (the single tank's water baseline), then the correction and its outcome.
 */
export async function circulate(
  ctx: StageContext,
  flow: Circulation,
  beforeCorrection?: (ctx: StageContext) => Promise<StepResult | null>,
): Promise<StepResult> {
  const stop = await operatorStop(ctx, flow.stop);
  if (stop) return stop;
  const read = await readLevels(ctx, ['level_solution_min', 'level_solution_max']);
  if (read.kind === 'stop') return read.result;
  if (!read.levels.level_solution_min) return tankLow(ctx, flow);
  if (deadlinePassed(ctx)) return windowExhausted(ctx, flow, 'recirculation_window_timeout');
  const pending = beforeCorrection ? await beforeCorrection(ctx) : null;
  if (pending) return pending;
  const outcome = await correctionTick(ctx, 'tank_recirc');
  switch (outcome.kind) {
    case 'continue':
      return outcome.result;
    case 'done':
      await ctx.event('PREPARE_RECIRCULATION_COMPLETED', {
        window: count(ctx.state.recircWindows) + 1,
      });
      return stopPlan(`${flow.check}_stop`, flow.stop, {
        stage: 'complete_ready',
        deadlineMs: null,
      });
    case 'exhausted':
      if (outcome.alert) await ctx.alert(outcome.alert);
      return windowExhausted(ctx, flow, outcome.code);
    case 'fail':
      return {
        kind: 'fail',
        code: outcome.code,
        ...(outcome.alert ? { alert: outcome.alert } : {}),
      };
    case 'low_water':
      return tankLow(ctx, flow);
  }
}

async function tankLow(ctx: StageContext, flow: Circulation): Promise<StepResult> {
  await ctx.event('CORRECTION_INTERRUPTED_SOLUTION_LOW', { to: flow.lowWater.stage });
  delete ctx.state.recircWindows;
  resetCorrection(ctx.state);
  return stopPlan(`${flow.check}_solution_low_stop`, flow.stop, flow.lowWater);
}

async function windowExhausted(
  ctx: StageContext,
  flow: Circulation,
  reason: string,
): Promise<StepResult> {
  const windows = count(ctx.state.recircWindows) + 1;
  ctx.state.recircWindows = windows;
  await ctx.event('PREPARE_RECIRCULATION_WINDOW_EXHAUSTED', {
    window: windows,
    max_windows: RECIRC_MAX_WINDOWS,
    reason,
  });
  if (windows < RECIRC_MAX_WINDOWS) {
    return stopPlan(`${flow.check}_stop`, flow.stop, { stage: flow.start, deadlineMs: null });
  }
  // The fail-safe OFF batch stops the flow before the task is marked failed.
  return {
    kind: 'fail',
    code: 'prepare_recirculation_attempt_limit_reached',
    alert: {
      code: 'biz_prepare_recirculation_retry_exhausted',
      severity: 'error',
      message: `The tank did not reach its targets in ${windows} recirculation windows`,
      details: { windows, last_reason: reason },
    },
  };
}
