import type { BindingRole } from '../../../contracts/bindings.js';
import { WINDOW_DEFAULTS } from '../../correction/decision-window.js';
import type { DoseDecision } from '../../correction/dose-types.js';
import { on } from '../plans.js';
import type { StageContext } from '../workflow.js';
import type { CorrControllers, CorrWindow } from './corr-state.js';
import type { CorrectionOutcome, CorrectionStage } from './correction-types.js';
import type { Goal } from './goal.js';
import { exhausted, nextPlanSeq, retryLater, runPlan } from './outcomes.js';
import { goalReached } from './pipeline-steps.js';

/** Carry out one controller decision (reference-domain §4.3 branches of `corr_check`). */
export async function actOn(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
  controllers: CorrControllers,
  goal: Goal,
  decision: DoseDecision,
): Promise<CorrectionOutcome> {
  const { metric } = goal;
  const base = { metric, target: goal.target, pipeline_step: goal.pipelineStep };
  switch (decision.kind) {
    case 'dose':
      await ctx.event('CORRECTION_DECISION_MADE', {
        ...base,
        action: 'dose',
        value: decision.detail.value,
        pump: decision.pump,
        ml: decision.ml,
        requested_ml: decision.detail.requestedMl,
        capped_by: decision.detail.cappedBy,
      });
      return startDose(ctx, window, goal, decision);
    case 'wait':
      controllers[metric] = decision.state;
      if (decision.reason === 'cooldown')
        await ctx.event(decision.event, { ...base, until: new Date(decision.until).toISOString() });
      return retryLater(ctx, window, decision.until - ctx.now);
    case 'none':
      controllers[metric] = decision.state;
      await ctx.event(decision.event, { ...base, reason: decision.reason });
      return afterNone(ctx, stage, window, controllers, decision.reason);
    case 'dilute':
      controllers.ec = decision.state;
      await ctx.event(decision.event, {
        ...base,
        pulse_ms: decision.pulseMs,
        attempt: window.dilutions + 1,
      });
      window.step = 'dilute_opening';
      return runPlan(ctx, 'recirc_dilute_start', [on(decision.valve)], 'recirc_dilute_failed');
    case 'stop':
      controllers[metric] = decision.state;
      await ctx.event(decision.event, { ...base, code: decision.code, reason: decision.reason });
      return stopped(metric, decision);
  }
}

async function afterNone(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
  controllers: CorrControllers,
  reason: Extract<DoseDecision, { kind: 'none' }>['reason'],
): Promise<CorrectionOutcome> {
  switch (reason) {
    case 'in_band':
    case 'dead_zone':
    case 'above_target':
      // Nothing this controller can still do for the goal: inside the band, too close to dose,
      // or EC above its step target but short of the dilution threshold (EC only goes up).
      return goalReached(ctx, stage, window, controllers);
    case 'no_output':
    case 'dose_discarded':
      return retryLater(ctx, window, WINDOW_DEFAULTS.ec.windowRetrySec * 1000);
    case 'dilute_exhausted':
      return exhausted('recirc_dilute_exhausted');
    case 'dilute_blocked_solution_max':
      return exhausted('recirc_dilute_blocked_solution_max');
  }
}

function startDose(
  ctx: StageContext,
  window: CorrWindow,
  goal: Goal,
  decision: Extract<DoseDecision, { kind: 'dose' }>,
): CorrectionOutcome {
  const pump = decision.pump as BindingRole;
  window.dose = {
    metric: goal.metric,
    direction: decision.direction,
    pump,
    planSeq: nextPlanSeq(ctx.state),
    ml: decision.ml,
    requestedMl: decision.detail.requestedMl,
    gainPerMl: decision.detail.gainPerMl,
    value: decision.detail.value,
    target: decision.detail.target,
    pipelineStep: goal.pipelineStep,
    component: goal.component,
    controller: decision.state,
    clampedBy: decision.detail.cappedBy,
  };
  window.step = 'dosing';
  const step = { role: pump, cmd: 'dose', params: { ml: decision.ml } };
  return runPlan(ctx, `${goal.metric}_dose`, [step], 'correction_dose_failed');
}

function stopped(
  metric: Goal['metric'],
  decision: Extract<DoseDecision, { kind: 'stop' }>,
): CorrectionOutcome {
  const details = { scope: metric, reason: decision.reason };
  switch (decision.code) {
    case 'no_effect':
      return exhausted(`${metric}_correction_no_effect`, {
        code: decision.alert,
        severity: 'error',
        message: `${metric.toUpperCase()} correction stopped: ${decision.reason}`,
        details,
      });
    case 'attempts_exhausted':
      return exhausted('correction_exhausted', {
        code: decision.alert,
        severity: 'error',
        message: `${metric.toUpperCase()} correction exhausted: ${decision.reason}`,
        details,
      });
    case 'config_invalid':
      return {
        kind: 'fail',
        code: decision.alert.replace(/^biz_/, ''),
        alert: {
          code: decision.alert,
          severity: 'critical',
          message: `${metric.toUpperCase()} correction configuration invalid: ${decision.reason}`,
          details,
        },
      };
  }
}
