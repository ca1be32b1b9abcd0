import type { Direction, PidProfile } from './config.js';

/**
 * The PID arithmetic of one correction tick and the effective process gain (reference-domain §4.6).
 * The error is always the directional gap (≥ 0) towards the target; a direction switch (pH crossed
 * the target) starts the integral afresh.
 */

/** PID part of the persisted per-controller state (`PidState`, reference §2.3). */
export interface PidMemory {
  integral: number;
  prevError: number;
  prevDerivative: number;
  /** Last active tick; hold/observe time is not integrated (the runtime moves it past the hold). */
  lastMeasurementAt: number | null;
  /** Direction of the last active tick (pH only ever switches). */
  direction: Direction | null;
}

export type PidZone = 'dead' | 'close' | 'far';

export interface PidStep {
  zone: Exclude<PidZone, 'dead'>;
  /** The tick's output (controller units, e.g. mS/cm for EC); divide by gain for ml. */
  output: number;
  /** Memory to persist once the dose is confirmed (a capped dose keeps `integralBefore`). */
  memory: PidMemory;
  /** The integral before this tick's step (after a direction reset), for anti-windup. */
  integralBefore: number;
}

export const ZERO_PID: PidMemory = {
  integral: 0,
  prevError: 0,
  prevDerivative: 0,
  lastMeasurementAt: null,
  direction: null,
};

/** Why a profile is unusable, or null (§4.6: far > close, else config error). */
export function pidProfileError(p: PidProfile): string | null {
  const numbers = [p.deadZone, p.closeZone, p.farZone, p.maxIntegral, p.derivativeAlpha];
  const coeffs = [p.close, p.far].flatMap((c) => [c.kp, c.ki, c.kd]);
  if (![...numbers, ...coeffs].every(Number.isFinite)) return 'pid_not_finite';
  if (p.deadZone < 0 || p.closeZone <= p.deadZone) return 'pid_close_zone_not_above_dead_zone';
  if (p.farZone <= p.closeZone) return 'pid_far_zone_not_above_close_zone';
  if (p.maxIntegral < 0 || p.derivativeAlpha < 0 || p.derivativeAlpha > 1)
    return 'pid_limits_invalid';
  return null;
}

export function pidZone(p: PidProfile, gap: number): PidZone {
  if (gap <= p.deadZone) return 'dead';
  return gap <= p.closeZone ? 'close' : 'far';
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** One PID step for a gap beyond the dead zone, measured at `now`. */
export function pidStep(
  p: PidProfile,
  memory: PidMemory,
  gap: number,
  direction: Direction,
  now: number,
): PidStep {
  const fresh = memory.direction !== null && memory.direction !== direction;
  const m = fresh ? { ...ZERO_PID, lastMeasurementAt: memory.lastMeasurementAt } : memory;
  const zone = gap <= p.closeZone ? 'close' : 'far';
  const { kp, ki, kd } = p[zone];
  const dt = m.lastMeasurementAt === null ? 0 : Math.max(0, (now - m.lastMeasurementAt) / 1000);
  const integral = clamp(m.integral + gap * dt, -p.maxIntegral, p.maxIntegral);
  const a = p.derivativeAlpha;
  const derivative =
    dt > 0 ? (a * (gap - m.prevError)) / dt + (1 - a) * m.prevDerivative : m.prevDerivative;
  return {
    zone,
    output: kp * gap + ki * integral + kd * derivative,
    memory: {
      integral,
      prevError: gap,
      prevDerivative: derivative,
      lastMeasurementAt: now,
      direction,
    },
    integralBefore: m.integral,
  };
}

/** Learned process response of one pump (`stats.adaptive`, EMAs with α = 0.2). */
export interface GainLearning {
  observations: number;
  learnedGain: number | null;
  retentionEma: number | null;
  waveEma: number | null;
}

export const NO_LEARNING: GainLearning = {
  observations: 0,
  learnedGain: null,
  retentionEma: null,
  waveEma: null,
};

/** Observations after which the learned gain gets its full weight. */
const FULL_WEIGHT_OBSERVATIONS = 6;

/**
 * Effective gain per ml (§4.6): the calibrated (authoritative) gain blended with the learned one,
 * weighted by how many observations back it and how clean they were, bounded to ¼–4× the
 * calibration so learning can never run away. In recirculation EC may only learn upwards
 * (`g = max(auth, g)`, `floorAtCalibration`): a smaller gain means bigger doses, and EC cannot be taken back. Null when
 * the calibrated gain is missing or not positive (§11.11: fail closed).
 */
export function effectiveGain(
  authGain: number | null | undefined,
  learning: GainLearning,
  opts: { floorAtCalibration: boolean },
): number | null {
  if (
    authGain === null ||
    authGain === undefined ||
    !(authGain > 0) ||
    !Number.isFinite(authGain)
  ) {
    return null;
  }
  const { observations, learnedGain, retentionEma, waveEma } = learning;
  if (learnedGain === null || !(observations > 0)) return authGain;
  const w =
    Math.min(1, observations / FULL_WEIGHT_OBSERVATIONS) *
    Math.max(0.25, retentionEma ?? 0) *
    Math.max(0.35, 1 - Math.min(0.65, waveEma ?? 0));
  let g = authGain * (1 - w) + learnedGain * w;
  if (opts.floorAtCalibration) g = Math.max(authGain, g);
  return clamp(g, 0.25 * authGain, 4 * authGain);
}
