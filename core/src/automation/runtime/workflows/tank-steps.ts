import { DOSE_POLICY_DEFAULTS, type Metric } from '../../correction/config.js';
import { evaluateWindow, windowStart } from '../../correction/decision-window.js';
import { windowConfig } from '../correction/probes.js';
import { workflowReady } from '../../correction/pipeline.js';
import type { CommandStep } from '../plans.js';
import type { StageContext, StageHandler, StepResult } from '../workflow.js';
import { PUMP_REST_MS } from './tank-config.js';

/** Building blocks the tank stage handlers share. */

export const wait = (delayMs: number): StepResult => ({ kind: 'wait', delayMs });

export const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** A stage to enter and its deadline. */
export interface Route {
  stage: string;
  deadlineMs: number | null;
}

/** Stop a flow (confirmed command by command), then enter `to`. */
export const stopPlan = (name: string, steps: readonly CommandStep[], to: Route): StepResult => ({
  kind: 'plan',
  name,
  steps,
  then: to.stage,
  thenDeadlineMs: to.deadlineMs,
  failCode: 'flow_stop_unconfirmed',
});

/** Wait `ms`, but look again when the stage's deadline comes. */
export function waitWithin(ctx: StageContext, ms: number): StepResult {
  const deadline = ctx.task.stageDeadlineAt;
  return wait(deadline === null ? ms : Math.max(0, Math.min(ms, deadline - ctx.now)));
}

/** Has the stage's own deadline passed? (The engine only has a late safety net.) */
export function deadlinePassed(ctx: StageContext): boolean {
  return ctx.task.stageDeadlineAt !== null && ctx.now >= ctx.task.stageDeadlineAt;
}

/**
 * A pump start waits out the node's pump cooldown counted from entering the stage: whatever
 * stopped the pump before (a stop plan, a manual hold) finished before the stage was entered.
 */
export function pumpRest(ctx: StageContext): StepResult | null {
  const rested = ctx.now - ctx.task.stageStartedAt;
  return rested < PUMP_REST_MS ? wait(PUMP_REST_MS - rested) : null;
}

/**
 * How long the stage's flow has run, counted from its first check (the start plan is DONE by
 * then); start stages clear `flowSince` so every (re)opened flow counts from zero.
 */
export function flowForMs(ctx: StageContext): number {
  if (typeof ctx.state.flowSince !== 'number') ctx.state.flowSince = ctx.now;
  return ctx.now - (ctx.state.flowSince as number);
}

export const STOPPED_BY_OPERATOR = 'stopped_by_operator';
export const SOLUTION_CHANGE_ABORTED = 'solution_change_aborted';

/**
 * The operator's stop (any mode, reference-domain §8.1: stop buttons always have priority) or
 * the solution-change abort, taken from the task: the flow is stopped by plan and the task ends
 * in the stage named after it. Other steps do nothing while water flows.
 */
export async function operatorStop(
  ctx: StageContext,
  stop: readonly CommandStep[],
): Promise<StepResult | null> {
  const step = ctx.takeOperatorStep();
  if (step === null) return null;
  const abort = step === 'solution_change_abort';
  if (abort || step.endsWith('_stop')) {
    await ctx.event('OPERATOR_STOP_APPLIED', { step });
    return {
      kind: 'plan',
      name: abort ? 'solution_change_abort' : 'operator_stop',
      steps: stop,
      then: abort ? SOLUTION_CHANGE_ABORTED : STOPPED_BY_OPERATOR,
      failCode: 'flow_stop_unconfirmed',
    };
  }
  await ctx.event('OPERATOR_STEP_IGNORED', { step, reason: 'flow_running' });
  return null;
}

/** The flow is confirmed stopped; nothing is prepared any more. */
export const stoppedByOperator: StageHandler = () =>
  Promise.resolve({ kind: 'complete', outcome: STOPPED_BY_OPERATOR, phase: 'idle' });

export interface Readiness {
  ready: boolean;
  ph: number | null;
  ec: number | null;
  reason: string | null;
}

/**
 * "Workflow ready" (reference-domain §4.5): pH and EC, each from a usable decision window, inside
 * the recipe's min/max band (the tolerance band when there is none). Anything missing or unusable
 * is "not ready", never a guess.
 */
export async function readiness(ctx: StageContext): Promise<Readiness> {
  const values: Partial<Record<Metric, number>> = {};
  for (const metric of ['ph', 'ec'] as const) {
    const band = ctx.targets[metric];
    if (!band) return { ready: false, ph: null, ec: null, reason: `${metric}_target_missing` };
    const cfg = await windowConfig(ctx.io, metric);
    const role = metric === 'ph' ? 'ph_sensor' : 'ec_sensor';
    const samples = await ctx.io.samples(role, windowStart(ctx.now, cfg));
    const window = evaluateWindow(samples, ctx.now, cfg);
    if (!window.ok) {
      return { ready: false, ph: null, ec: null, reason: `${metric}_${window.reason}` };
    }
    values[metric] = window.value;
    const ok = workflowReady(
      window.value,
      band.target,
      DOSE_POLICY_DEFAULTS[metric].tolerancePct,
      band,
    );
    if (!ok)
      return {
        ready: false,
        ph: values.ph ?? null,
        ec: values.ec ?? null,
        reason: `${metric}_out_of_band`,
      };
  }
  return { ready: true, ph: values.ph ?? null, ec: values.ec ?? null, reason: null };
}
