import type { Direction, Metric, ObservePolicy, ProcessCalibration } from './config.js';
import { median, type WindowSample } from './decision-window.js';
import type { ControllerState } from './dose-types.js';
import type { GainLearning } from './pid.js';

/**
 * After a dose (reference-domain §4.8, safety invariant §11.9): hold, then judge whether the dose
 * did anything, count consecutive failures, stop at the limit, and learn the pump's real gain.
 *
 * The reference names peak effect, tail median, retention and wave score without formulas; ours:
 * - effect of a sample = its move from the pre-dose baseline in the dose's direction;
 * - peak = largest effect; tail = median of the last `minSamples` effects;
 * - retention = tail / peak (how much of the peak stayed once mixed), 0–1;
 * - wave = total fall-back along the way / peak (0 for a clean rise, larger when the reading
 *   swings), 0–1.
 * The learned gain is the tail effect per ml, since the tail is what stays in the tank, learned
 * from doses that had an effect only.
 */

export interface DoseDone {
  metric: Metric;
  direction: Direction;
  /** When the dose command reached DONE. */
  at: number;
  /** Effective ml delivered (the planned ml, or recomputed from a duration-limited ACK). */
  ml: number;
  /** The effective gain the dose was planned with. */
  gainPerMl: number;
  /** The window median the dose was planned from. */
  baseline: number;
  calibration: ProcessCalibration;
  observe: ObservePolicy;
}

export interface Expectation {
  metric: Metric;
  direction: Direction;
  doseAt: number;
  doseMl: number;
  baseline: number;
  /** `gain · ml`. */
  expectedEffect: number;
  /** `expectedEffect · minEffectFraction`: below it the dose had no effect. */
  threshold: number;
  holdUntil: number;
}

export type ObservationOutcome = 'effect' | 'no_effect' | 'no_effect_limit';

export type Observation =
  | { outcome: 'not_ready'; samples: number }
  | {
      outcome: ObservationOutcome;
      event: 'CORRECTION_OBSERVATION_EVALUATED' | 'CORRECTION_NO_EFFECT';
      /** At the limit: the alert to raise; correction then stops (dose.ts keeps it blocked). */
      alert: string | null;
      peak: number;
      tail: number;
      retention: number;
      wave: number;
      expectedEffect: number;
      threshold: number;
      state: ControllerState;
      learning: GainLearning;
    };

/** EMA weight of one new observation (§4.6). */
export const LEARNING_ALPHA = 0.2;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const ema = (prev: number | null, sample: number): number =>
  prev === null ? sample : prev + LEARNING_ALPHA * (sample - prev);

/** ml actually pumped when the node limited the run (`details.duration_limited`, §1.3). */
export function mlFromDuration(mlPerSec: number, durationMs: number): number {
  return Math.floor(mlPerSec * durationMs * 0.1 + 1e-9) / 100;
}

/**
 * Persist after the dose's DONE: start the cooldown and the hold (`transport_delay + settle`);
 * time in hold is not integrated, so the next PID step measures from the hold's end.
 */
export function afterDoseDone(
  state: ControllerState,
  done: DoseDone,
): { state: ControllerState; expectation: Expectation } {
  const holdUntil =
    done.at + (done.calibration.transportDelaySec + done.calibration.settleSec) * 1000;
  const expectedEffect = done.gainPerMl * done.ml;
  return {
    state: { ...state, lastDoseAt: done.at, holdUntil, lastMeasurementAt: holdUntil },
    expectation: {
      metric: done.metric,
      direction: done.direction,
      doseAt: done.at,
      doseMl: done.ml,
      baseline: done.baseline,
      expectedEffect,
      threshold: expectedEffect * done.observe.minEffectFraction,
      holdUntil,
    },
  };
}

/** Both controllers hold after any dose (§4.8): apply the dosing one's hold to the other. */
export function holdAlso(state: ControllerState, until: number): ControllerState {
  return { ...state, holdUntil: Math.max(state.holdUntil ?? until, until) };
}

/**
 * Judge a dose from the samples taken since it (good quality only). Any effect resets the
 * consecutive counters; no effect counts one more attempt and one more no-effect, and at
 * `noEffectLimit` the outcome is `no_effect_limit` with the alert `biz_{ph|ec}_correction_no_effect`.
 */
export function evaluateObservation(
  exp: Expectation,
  samples: readonly WindowSample[],
  state: ControllerState,
  learning: GainLearning,
  cfg: { minSamples: number; noEffectLimit: number },
): Observation {
  const after = samples
    .filter((s) => s.ts > exp.doseAt && s.quality === 'good' && Number.isFinite(s.value))
    .sort((a, b) => a.ts - b.ts);
  if (after.length < cfg.minSamples) return { outcome: 'not_ready', samples: after.length };
  const sign = exp.direction === 'up' ? 1 : -1;
  const effects = after.map((s) => sign * (s.value - exp.baseline));
  const peak = Math.max(...effects);
  const tail = median(effects.slice(-cfg.minSamples));
  let fallBack = 0;
  for (let i = 1; i < effects.length; i++) {
    fallBack += Math.max(0, (effects[i - 1] ?? 0) - (effects[i] ?? 0));
  }
  const retention = peak > 0 ? clamp01(tail / peak) : 0;
  const wave = peak > 0 ? clamp01(fallBack / peak) : 0;
  const noEffect = peak < exp.threshold;
  const next: ControllerState = noEffect
    ? { ...state, noEffectCount: state.noEffectCount + 1, attempts: state.attempts + 1 }
    : { ...state, noEffectCount: 0, attempts: 0 };
  const atLimit = noEffect && next.noEffectCount >= cfg.noEffectLimit;
  // Valid observations only (§4.6: dose > 0 and a positive effect). A no-effect one says the
  // dose did not arrive (empty bottle, dead pump), not how strong the reagent is: learning a tiny
  // gain from it would only make the next doses bigger.
  const learns = !noEffect && exp.doseMl > 0 && tail > 0;
  return {
    outcome: atLimit ? 'no_effect_limit' : noEffect ? 'no_effect' : 'effect',
    event: atLimit ? 'CORRECTION_NO_EFFECT' : 'CORRECTION_OBSERVATION_EVALUATED',
    alert: atLimit ? `biz_${exp.metric}_correction_no_effect` : null,
    peak,
    tail,
    retention,
    wave,
    expectedEffect: exp.expectedEffect,
    threshold: exp.threshold,
    state: next,
    learning: learns
      ? {
          observations: learning.observations + 1,
          learnedGain: ema(learning.learnedGain, tail / exp.doseMl),
          retentionEma: ema(learning.retentionEma, retention),
          waveEma: ema(learning.waveEma, wave),
        }
      : learning,
  };
}
