import type {
  DilutePolicy,
  Direction,
  DosePolicy,
  Metric,
  PidProfile,
  ProcessCalibration,
} from './config.js';
import { ZERO_PID, type PidMemory } from './pid.js';

/**
 * The inputs, persisted state and typed outcomes of one correction controller tick (dose.ts).
 * Every outcome names the reference event type to log (reference-domain §9.1) and carries the
 * state to persist.
 */

export interface ControllerState extends PidMemory {
  /** Set only after the dose's command reached DONE (afterDoseDone). */
  lastDoseAt: number | null;
  holdUntil: number | null;
  noEffectCount: number;
  /** Consecutive unproductive attempts (no-effect observations and discarded doses). */
  attempts: number;
}

export const INITIAL_CONTROLLER_STATE: ControllerState = {
  ...ZERO_PID,
  lastDoseAt: null,
  holdUntil: null,
  noEffectCount: 0,
  attempts: 0,
};

export interface DosePump {
  channel: string;
  /** Pump calibration. */
  mlPerSec: number;
  /** Node `safe_limits.max_duration_ms` for this pump, if any. */
  maxDurationMs?: number | null;
  /** Effective process gain per ml for this pump (pid.ts effectiveGain); null = missing. */
  gainPerMl: number | null;
}

export interface DilutionContext {
  policy: DilutePolicy;
  /** Dilutions done in this pipeline step. */
  attempts: number;
  /** `level_solution_max` triggered: adding water would overflow (§4.9, §11.7). */
  solutionMaxTriggered: boolean;
}

export interface DoseTickInput {
  metric: Metric;
  now: number;
  /** The window median. */
  value: number;
  /** `target_ph`, or `T_step` of the active EC pipeline step. */
  target: number;
  pid: PidProfile;
  policy: DosePolicy;
  /** Needed before any dose: a dose that cannot be observed is not made (§11.11). */
  calibration: ProcessCalibration;
  state: ControllerState;
  /** pH: `up` (base) and `down` (acid). EC: `up` only, the active component's pump. */
  pumps: Partial<Record<Direction, DosePump>>;
  /** Recirculation EC steps only; absent elsewhere (no dilution path). */
  dilution?: DilutionContext;
}

export interface DoseDetail {
  value: number;
  target: number;
  gap: number;
  zone: 'close' | 'far';
  output: number;
  gainPerMl: number;
  /** Before caps (output / gain). */
  requestedMl: number;
  cappedBy: ('gap' | 'max_ml' | 'max_ms')[];
}

export type StopCode = 'no_effect' | 'attempts_exhausted' | 'config_invalid';

export type DoseDecision =
  | {
      kind: 'dose';
      pump: string;
      direction: Direction;
      ml: number;
      ms: number;
      reason: 'dose' | 'dose_clamped';
      event: 'EC_DOSING' | 'PH_CORRECTED' | 'CORRECTION_DOSE_CLAMPED';
      detail: DoseDetail;
      /** Persist once the command is DONE, through afterDoseDone (not before: §4.6). */
      state: ControllerState;
    }
  | {
      kind: 'wait';
      until: number;
      reason: 'hold' | 'cooldown';
      event: 'CORRECTION_SKIPPED_COOLDOWN' | 'CORRECTION_DECISION_MADE';
      state: ControllerState;
    }
  | {
      kind: 'none';
      reason: NoneReason;
      event: NoneEvent;
      state: ControllerState;
    }
  | {
      kind: 'dilute';
      valve: 'valve_clean_supply';
      pulseMs: number;
      settleMs: number;
      reason: 'ec_overshoot';
      event: 'RECIRC_DILUTE_STARTED';
      /** Persist after the dilution settled: EC integral and no-effect counters reset (§4.9). */
      state: ControllerState;
    }
  | {
      kind: 'stop';
      code: StopCode;
      reason: string;
      /** Alert to raise (catalog code, §9.3). */
      alert: string;
      event: 'CORRECTION_NO_EFFECT' | 'CORRECTION_EXHAUSTED' | 'CORRECTION_PLANNER_CONFIG_INVALID';
      state: ControllerState;
    };

export type NoneReason =
  | 'in_band'
  | 'dead_zone'
  | 'above_target'
  | 'no_output'
  | 'dose_discarded'
  | 'dilute_exhausted'
  | 'dilute_blocked_solution_max';
export type NoneEvent =
  | 'CORRECTION_COMPLETE'
  | 'CORRECTION_SKIPPED_DEAD_ZONE'
  | 'CORRECTION_SKIPPED_DOSE_DISCARDED'
  | 'CORRECTION_DECISION_MADE';
