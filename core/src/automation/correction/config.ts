import type { NutrientComponent } from '../../contracts/catalog.js';

/**
 * Correction controller configuration and its catalog defaults (reference-domain §4.10, the
 * code-verified column; the docs' numbers differ, §12: prefer code). These are controller knobs
 * for the config layer to seed zone documents with, never setpoints: pH/EC targets come only from
 * the phase snapshot (§3.4, §11.15).
 */

export type Metric = 'ph' | 'ec';
export type Direction = 'up' | 'down';

export interface PidCoeffs {
  kp: number;
  ki: number;
  kd: number;
}

/** `zone.pid.{ph|ec}`. */
export interface PidProfile {
  /** Gap at or below which nothing is dosed. */
  deadZone: number;
  /** Gap up to which the `close` coefficients apply; above it, `far`. */
  closeZone: number;
  /** Must exceed `closeZone`, else the profile is a config error (§4.6). */
  farZone: number;
  close: PidCoeffs;
  far: PidCoeffs;
  maxIntegral: number;
  /** Derivative low-pass filter α. */
  derivativeAlpha: number;
}

/** Per-controller dosing limits (§4.6, §4.10, §11.8). */
export interface DosePolicy {
  /** Success band: `target ± |target|·tolerancePct/100` (§4.5). */
  tolerancePct: number;
  maxDoseMl: number;
  /** Cooldown between two doses of this controller. */
  minIntervalSec: number;
  /** Consecutive no-effect observations that stop correction (§4.8). */
  noEffectLimit: number;
  /** Consecutive unproductive attempts per window; null = uncapped (solution fill ignores caps). */
  maxAttempts: number | null;
  /** Pump policy: runs shorter than this are discarded, longer ones clamped. */
  minDoseMs: number;
  maxDoseMs: number;
  /** Accepted pump calibration range (ml/s); outside it the calibration is a config error. */
  mlPerSecMin: number;
  mlPerSecMax: number;
}

/** `zone.process_calibration.*`: how the tank answers a dose. */
export interface ProcessCalibration {
  transportDelaySec: number;
  settleSec: number;
}

/** The decision window and observation settings (§4.4, §4.8). */
export interface ObservePolicy {
  minEffectFraction: number;
}

/** Dilute-on-overshoot (recirculation EC steps only, §4.9). */
export interface DilutePolicy {
  overshootPct: number;
  pulseSec: number;
  maxAttempts: number;
  settleSec: number;
}

export const PID_DEFAULTS: Record<Metric, PidProfile> = {
  ph: {
    deadZone: 0.04,
    closeZone: 0.18,
    farZone: 0.65,
    close: { kp: 0.18, ki: 0.01, kd: 0 },
    far: { kp: 0.28, ki: 0.015, kd: 0 },
    maxIntegral: 12,
    derivativeAlpha: 0.35,
  },
  ec: {
    deadZone: 0.06,
    closeZone: 0.25,
    farZone: 0.9,
    close: { kp: 0.35, ki: 0.02, kd: 0 },
    far: { kp: 0.55, ki: 0.03, kd: 0 },
    maxIntegral: 20,
    derivativeAlpha: 0.35,
  },
};

const PUMP_POLICY = { minDoseMs: 50, maxDoseMs: 60_000, mlPerSecMin: 0.01, mlPerSecMax: 20 };

export const DOSE_POLICY_DEFAULTS: Record<Metric, DosePolicy> = {
  ph: {
    tolerancePct: 5,
    maxDoseMl: 35,
    minIntervalSec: 20,
    noEffectLimit: 4,
    maxAttempts: 8,
    ...PUMP_POLICY,
  },
  ec: {
    tolerancePct: 10,
    maxDoseMl: 80,
    minIntervalSec: 25,
    noEffectLimit: 4,
    maxAttempts: 8,
    ...PUMP_POLICY,
  },
};

/**
 * Catalog process calibration (gains per ml of reagent). §11.11 wants a zone without its own
 * calibration to fail closed; these are what the config layer offers as the starting point.
 */
export const PROCESS_CALIBRATION_DEFAULTS = {
  transportDelaySec: 4,
  settleSec: 12,
  ecGainPerMl: 0.006,
  phUpGainPerMl: 0.015,
  phDownGainPerMl: 0.015,
  phPerEcMl: -0.002,
} as const;

export const OBSERVE_DEFAULTS: ObservePolicy = { minEffectFraction: 0.15 };

export const DILUTE_DEFAULTS: DilutePolicy = {
  overshootPct: 15,
  pulseSec: 10,
  maxAttempts: 3,
  settleSec: 30,
};

/** Pump channels of the pH reagents (reference-domain §1.2: base raises pH, acid lowers it). */
export const PH_PUMPS: Record<Direction, string> = { up: 'pump_base', down: 'pump_acid' };

/** Pump channels of the EC components on the `ec` node (§1.2). */
export const EC_PUMPS: Record<NutrientComponent, string> = {
  npk: 'pump_a',
  calcium: 'pump_b',
  magnesium: 'pump_c',
  micro: 'pump_d',
};
