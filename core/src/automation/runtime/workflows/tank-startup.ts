import type { ZoneTopology } from '../../../contracts/zones.js';
import type { StageContext, StageHandler, StepResult } from '../workflow.js';
import { OPERATOR_POLL_MS, STARTUP_HOLD_MS } from './tank-config.js';
import { allFlowOff } from './tank-plans.js';
import { deadlinePassed, waitWithin } from './tank-steps.js';

/**
 * The `startup` stage of tank preparation (reference-domain §5.2, §8.1). After a manual → auto
 * switch it first re-probes the hardware: every flow actuator is switched OFF and confirmed
 * before anything is opened again. Then auto routes by the tank levels, semi and manual wait for
 * the operator's step.
 */

/**
 * Where startup goes: `step` null in auto; an operator step otherwise. Null: the step does not
 * apply now (the route says why in the timeline) and startup keeps waiting.
 */
export type StartupRoute = (ctx: StageContext, step: string | null) => Promise<StepResult | null>;

export function startupStage(topology: ZoneTopology, route: StartupRoute): StageHandler {
  return async (ctx) => {
    const probe = await reconcile(ctx, topology);
    if (probe) return probe;
    if (ctx.mode === 'auto') return (await route(ctx, null)) ?? waitWithin(ctx, OPERATOR_POLL_MS);
    // A step whose level reading needs a re-check is kept for the next look.
    const step = ctx.takeOperatorStep() ?? (ctx.state.startupStep as string | undefined) ?? null;
    delete ctx.state.startupStep;
    if (step !== null) {
      const result = await route(ctx, step);
      if (result?.kind === 'wait') ctx.state.startupStep = step;
      if (result) return result;
    }
    if (deadlinePassed(ctx)) {
      await ctx.event('STARTUP_MANUAL_HOLD_TIMEOUT', { mode: ctx.mode });
      return { kind: 'fail', code: 'startup_manual_hold_timeout' };
    }
    return waitWithin(ctx, OPERATOR_POLL_MS);
  };
}

/** The manual → auto re-probe: a confirmed stop of every flow actuator, then the flag clears. */
async function reconcile(ctx: StageContext, topology: ZoneTopology): Promise<StepResult | null> {
  const memory = await ctx.zoneMemory();
  if (memory.reconcile_pending !== true) {
    delete ctx.state.reconciling;
    return null;
  }
  if (ctx.state.reconciling !== true) {
    ctx.state.reconciling = true;
    const steps = await allFlowOff(ctx.io, topology);
    await ctx.event('MANUAL_TO_AUTO_RECONCILE_STARTED', { roles: steps.map((s) => s.role) });
    return {
      kind: 'plan',
      name: 'reconcile_flow_off',
      steps,
      then: 'startup',
      thenDeadlineMs: STARTUP_HOLD_MS,
      failCode: 'flow_stop_unconfirmed',
    };
  }
  delete ctx.state.reconciling;
  await ctx.rememberForZone({ reconcile_pending: false });
  await ctx.event('MANUAL_TO_AUTO_RECONCILED', { flow: 'off_confirmed' });
  return null;
}

/** Enter a preparation stage from startup, saying why. */
export async function routeTo(
  ctx: StageContext,
  stage: string,
  why: Record<string, unknown>,
): Promise<StepResult> {
  await ctx.event('STARTUP_ROUTED', { to: stage, mode: ctx.mode, ...why });
  // The operator released this flow: its check stage is not parked in semi/manual (task-stepper).
  if (typeof why.step === 'string') ctx.state.operatorFlow = stage.replace(/_start$/, '_check');
  return { kind: 'goto', stage };
}

/** An operator step startup cannot follow now. */
export async function ignoreStep(ctx: StageContext, step: string, reason: string): Promise<null> {
  await ctx.event('OPERATOR_STEP_IGNORED', { step, reason });
  return null;
}
