import { DOSE_POLICY_DEFAULTS, OBSERVE_DEFAULTS } from '../../correction/config.js';
import { WINDOW_DEFAULTS } from '../../correction/decision-window.js';
import {
  afterDoseDone,
  evaluateObservation,
  holdAlso,
  mlFromDuration,
} from '../../correction/observe.js';
import { NO_LEARNING } from '../../correction/pid.js';
import { planCmdId } from '../plan-runner.js';
import type { StageContext } from '../workflow.js';
import type { CorrControllers, CorrWindow, PendingDose } from './corr-state.js';
import type { CorrectionOutcome } from './correction-types.js';
import { CALIBRATION, LEARNING_KEY, learningOf } from './dose-input.js';
import { exhausted, waitFor } from './outcomes.js';
import { SENSOR_ROLE } from './probes.js';

/** Poll for post-dose samples while they are still too few (`observe poll`, §4.10). */
export const OBSERVE_POLL_MS = 2_000;
/** After this long past the hold without enough samples the observation is dropped. */
export const OBSERVE_GIVE_UP_MS = 30_000;

/**
 * The dose plan came back: its command is DONE (the engine fails the task on anything else).
 * Only now does the controller state persist, `last_dose_at` start the cooldown and the hold
 * begin for both controllers (§4.6, §4.8). A node that limited the run reports the duration it
 * actually ran, from which the delivered ml is recomputed (§1.3).
 */
export async function settleDose(
  ctx: StageContext,
  window: CorrWindow,
  controllers: CorrControllers,
): Promise<CorrectionOutcome> {
  const dose = window.dose;
  window.dose = null;
  window.step = 'check';
  if (!dose) return waitFor(ctx, 0);
  const cmdId = planCmdId(ctx.task.id, dose.planSeq, 0);
  if ((await ctx.io.status(cmdId)) !== 'DONE') {
    await ctx.event('CORRECTION_DECISION_MADE', { metric: dose.metric, reason: 'dose_not_done' });
    return waitFor(ctx, 0);
  }
  const details = (await ctx.io.details(cmdId)) ?? {};
  const effectiveMl = await deliveredMl(ctx, dose, details);
  const { state, expectation } = afterDoseDone(dose.controller, {
    metric: dose.metric,
    direction: dose.direction,
    at: ctx.now,
    ml: effectiveMl,
    gainPerMl: dose.gainPerMl,
    baseline: dose.value,
    calibration: CALIBRATION,
    observe: OBSERVE_DEFAULTS,
  });
  const other = dose.metric === 'ph' ? 'ec' : 'ph';
  controllers[dose.metric] = state;
  controllers[other] = holdAlso(controllers[other], expectation.holdUntil);
  window.expectation = expectation;
  window.observedPump = dose.pump;
  window.lastDosed = dose.metric;
  window.step = 'hold';
  const payload = {
    pump: dose.pump,
    direction: dose.direction,
    component: dose.component,
    pipeline_step: dose.pipelineStep,
    requested_ml: dose.requestedMl,
    planned_ml: dose.ml,
    effective_ml: effectiveMl,
    current: dose.value,
    target: dose.target,
    duration_ms: typeof details.duration_ms === 'number' ? details.duration_ms : null,
  };
  if (dose.clampedBy.includes('max_ms')) await ctx.event('CORRECTION_DOSE_CLAMPED', payload);
  await ctx.event(dose.metric === 'ec' ? 'EC_DOSING' : 'PH_CORRECTED', payload);
  return waitFor(ctx, expectation.holdUntil - ctx.now);
}

/** A run this much shorter than planned was cut by the node (§4.10 pump mismatch tolerance). */
const LIMITED_RUN_FRACTION = 0.9;

/**
 * The planned ml, or less when the node cut the run (`duration_limited`). The DONE response's
 * details replace the ACK's, so the flag may be gone by now: a run clearly shorter than the plan
 * at our calibration counts as limited too; smaller differences are calibration mismatch, and the
 * node doses by its own ml/s.
 */
async function deliveredMl(
  ctx: StageContext,
  dose: PendingDose,
  details: Record<string, unknown>,
): Promise<number> {
  const durationMs = details.duration_ms;
  if (typeof durationMs !== 'number' || !(durationMs >= 0)) return dose.ml;
  const reported = details.ml_per_second;
  const rate =
    typeof reported === 'number' && reported > 0 ? reported : await ctx.io.pumpRate(dose.pump);
  if (rate === null) return dose.ml;
  const plannedMs = (dose.ml / rate) * 1000;
  const limited =
    details.duration_limited === true || durationMs < plannedMs * LIMITED_RUN_FRACTION;
  return limited ? Math.min(dose.ml, mlFromDuration(rate, durationMs)) : dose.ml;
}

/**
 * The hold is over: judge the dose from the samples since it, learn the pump's gain and count
 * no-effect doses (§4.8). Null: go on to `corr_check` in the same tick.
 */
export async function observeDose(
  ctx: StageContext,
  window: CorrWindow,
  controllers: CorrControllers,
): Promise<CorrectionOutcome | null> {
  const exp = window.expectation;
  const pump = window.observedPump;
  if (!exp || !pump) {
    window.step = 'check';
    return null;
  }
  if (ctx.now < exp.holdUntil) return waitFor(ctx, exp.holdUntil - ctx.now);
  const { metric } = exp;
  const samples = await ctx.io.samples(SENSOR_ROLE[metric], exp.doseAt + 1);
  const learning = await learningOf(ctx);
  const obs = evaluateObservation(
    exp,
    samples,
    controllers[metric],
    learning[pump] ?? NO_LEARNING,
    {
      minSamples: WINDOW_DEFAULTS[metric].minSamples,
      noEffectLimit: DOSE_POLICY_DEFAULTS[metric].noEffectLimit,
    },
  );
  if (obs.outcome === 'not_ready') {
    if (ctx.now - exp.holdUntil < OBSERVE_GIVE_UP_MS) return waitFor(ctx, OBSERVE_POLL_MS);
    // The probe went quiet: `corr_check` will find the window stale and wait; no verdict.
    await ctx.event('CORRECTION_OBSERVATION_EVALUATED', { metric, outcome: 'no_samples' });
    window.expectation = null;
    window.step = 'check';
    return null;
  }
  controllers[metric] = obs.state;
  if (obs.learning !== (learning[pump] ?? NO_LEARNING))
    await ctx.rememberForZone({ [LEARNING_KEY]: { ...learning, [pump]: obs.learning } });
  window.expectation = null;
  window.observedPump = null;
  window.step = 'check';
  const payload = {
    metric,
    pump,
    outcome: obs.outcome,
    baseline: exp.baseline,
    dose_ml: exp.doseMl,
    expected_effect: obs.expectedEffect,
    threshold: obs.threshold,
    peak_effect: obs.peak,
    tail_effect: obs.tail,
    retention: obs.retention,
    wave: obs.wave,
    no_effect_count: obs.state.noEffectCount,
  };
  await ctx.event('CORRECTION_OBSERVATION_EVALUATED', payload);
  if (obs.outcome !== 'no_effect_limit' || !obs.alert) return null;
  await ctx.event('CORRECTION_NO_EFFECT', payload);
  return exhausted(`${metric}_correction_no_effect`, {
    code: obs.alert,
    severity: 'error',
    message: `${metric.toUpperCase()} correction stopped: ${obs.state.noEffectCount} doses without effect`,
    details: { scope: metric, pump, no_effect_count: obs.state.noEffectCount },
  });
}
