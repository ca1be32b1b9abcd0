import type { StageHandler, StepResult } from '../workflow.js';
import { decideIrrigation, type IrrigationDecision } from './irrigation-decision.js';
import { readSoil } from './soil-moisture.js';

/**
 * The irrigation workflow's first two stages (reference-domain §5.3 steps 2 and 3): wait for a
 * prepared tank, then decide whether this run irrigates at all.
 */

export const READY_POLL_MS = 10_000;
export const AWAIT_READY_MS = 1_800_000;

export const goto = (stage: string, deadlineMs?: number): StepResult => ({
  kind: 'goto',
  stage,
  deadlineMs: deadlineMs ?? null,
});
export const wait = (delayMs: number): StepResult => ({ kind: 'wait', delayMs });

/** A safety net for recovered or queued tasks; the API refuses irrigation outside `ready`. */
export const awaitReady: StageHandler = async (ctx) => {
  // Readiness is derived, never assumed or written here (§11.14): only preparation writes it.
  if (ctx.zone.workflowPhase === 'ready') return goto('decision_gate');
  if (ctx.task.stageDeadlineAt !== null && ctx.now >= ctx.task.stageDeadlineAt) {
    await ctx.event('IRRIGATION_WAIT_READY_TIMEOUT', { workflow_phase: ctx.zone.workflowPhase });
    return {
      kind: 'fail',
      code: 'irrigation_wait_ready_timeout',
      alert: {
        code: 'biz_irrigation_wait_ready_timeout',
        severity: 'warning',
        message: `The zone did not become ready within ${AWAIT_READY_MS / 60_000} min`,
      },
    };
  }
  if (ctx.state.blocked_noted !== true) {
    ctx.state.blocked_noted = true;
    await ctx.event('IRRIGATION_BLOCKED_SETUP_PENDING', { workflow_phase: ctx.zone.workflowPhase });
  }
  return wait(READY_POLL_MS);
};

export const decisionGate: StageHandler = async (ctx) => {
  let decision = ctx.state.decision as IrrigationDecision | undefined;
  if (!decision) {
    const { payload } = ctx.task;
    const strategy =
      typeof payload.strategy === 'string'
        ? payload.strategy
        : (ctx.zone.settings.irrigation?.strategy ?? 'task');
    const soil =
      strategy === 'smart_soil_v1' ? await readSoil(ctx.io, ctx.zone.settings, ctx.now) : null;
    const result = decideIrrigation(payload, ctx.targets, strategy, soil);
    if (!result.ok) {
      await ctx.event('IRRIGATION_DECISION_EVALUATED', {
        outcome: 'fail',
        reason_code: result.code,
        strategy: result.strategy,
      });
      return {
        kind: 'fail',
        code: result.code,
        alert: {
          code: 'biz_irrigation_decision_fail',
          message: `Unknown irrigation strategy ${result.strategy}`,
        },
      };
    }
    decision = result.decision;
    // Frozen: a restarted task goes on with the decision it took.
    ctx.state.decision = decision;
    await ctx.event('IRRIGATION_DECISION_EVALUATED', { ...decision });
  }
  if (decision.outcome === 'skip') {
    await ctx.alert({
      code: 'biz_irrigation_decision_skip',
      severity: 'info',
      message: `Irrigation skipped: ${decision.reason_code}`,
      details: { task_id: ctx.task.id, ...decision },
    });
    return { kind: 'complete', outcome: 'completed_skip' };
  }
  if (decision.degraded) {
    await ctx.alert({
      code: 'biz_irrigation_decision_degraded',
      severity: 'warning',
      message: `Irrigation runs without its decision data: ${decision.reason_code}`,
      details: { task_id: ctx.task.id, ...decision },
    });
  }
  return goto('irrigation_start');
};
