import type { Direction } from './config.js';
import type {
  ControllerState,
  DoseDecision,
  DoseDetail,
  DosePump,
  DoseTickInput,
  NoneEvent,
  NoneReason,
} from './dose-types.js';
import { inTolerance } from './pipeline.js';
import { ZERO_PID, pidProfileError, pidStep, pidZone } from './pid.js';

/**
 * One pH or EC controller tick (reference-domain §4.6, safety invariants §11.8, §11.9, §11.11):
 * from a usable window median (decision-window.ts), the phase target and the persisted controller
 * state, decide to dose, wait, do nothing, dilute or stop. Every outcome carries the reference event
 * type to log and the state to persist, so the runtime only executes and records.
 *
 * Order of checks: PID profile and process calibration (fail-closed) → no-effect block → attempt
 * cap → hold → success band → EC overshoot (dilute) → gap and dead zone → pump present and
 * calibrated → cooldown → PID → caps.
 * A dose is bounded by the gap (`gap / gain`: one pulse never overshoots the target), by
 * `maxDoseMl` and by the pump's maximum run; a run shorter than `minDoseMs` is discarded, never
 * rounded up. EC is only ever dosed upwards: above the target only dilution helps.
 */

/** Floor to 0.01 ml: rounding must never push a dose past its caps. */
const floorMl = (ml: number): number => Math.floor(ml * 100 + 1e-9) / 100;

function none(reason: NoneReason, event: NoneEvent, state: ControllerState): DoseDecision {
  return { kind: 'none', reason, event, state };
}

function configStop(reason: string, alert: string, state: ControllerState): DoseDecision {
  return {
    kind: 'stop',
    code: 'config_invalid',
    reason,
    alert,
    event: 'CORRECTION_PLANNER_CONFIG_INVALID',
    state,
  };
}

/** Stops that hold before anything is measured: config, no-effect block, attempt cap, hold. */
function gate(input: DoseTickInput): DoseDecision | null {
  const { metric, now, pid, policy, calibration, state } = input;
  const pidError = pidProfileError(pid);
  if (pidError) return configStop(pidError, 'biz_zone_pid_config_missing', state);
  const { transportDelaySec, settleSec } = calibration;
  if (![transportDelaySec, settleSec].every((sec) => Number.isFinite(sec) && sec >= 0)) {
    return configStop('process calibration missing', 'biz_zone_correction_config_missing', state);
  }
  if (state.noEffectCount >= policy.noEffectLimit) {
    return {
      kind: 'stop',
      code: 'no_effect',
      reason: `${state.noEffectCount} consecutive doses without effect`,
      alert: `biz_${metric}_correction_no_effect`,
      event: 'CORRECTION_NO_EFFECT',
      state,
    };
  }
  if (policy.maxAttempts !== null && state.attempts >= policy.maxAttempts) {
    return {
      kind: 'stop',
      code: 'attempts_exhausted',
      reason: `${state.attempts} consecutive attempts without progress`,
      alert: 'biz_correction_exhausted',
      event: 'CORRECTION_EXHAUSTED',
      state,
    };
  }
  if (state.holdUntil !== null && now < state.holdUntil) {
    const until = state.holdUntil;
    return { kind: 'wait', until, reason: 'hold', event: 'CORRECTION_DECISION_MADE', state };
  }
  return null;
}

/**
 * PID and consecutive counters start afresh: on success (back inside the band, §4.6), and for the
 * runtime on an EC component switch (`PID_EC_RESET`, §4.2) or a tank-empty reset (§4.8). The
 * cooldown (`lastDoseAt`) and hold stay: they protect the tank, not the controller.
 */
export function resetController(state: ControllerState, now: number): ControllerState {
  return { ...state, ...ZERO_PID, lastMeasurementAt: now, noEffectCount: 0, attempts: 0 };
}

function overshoot(input: DoseTickInput): DoseDecision | null {
  const { value, target, state, dilution } = input;
  if (input.metric !== 'ec' || !dilution) return null;
  if (!(value > target * (1 + dilution.policy.overshootPct / 100))) return null;
  if (dilution.solutionMaxTriggered) {
    return none('dilute_blocked_solution_max', 'CORRECTION_DECISION_MADE', state);
  }
  if (dilution.attempts >= dilution.policy.maxAttempts) {
    return none('dilute_exhausted', 'CORRECTION_DECISION_MADE', state);
  }
  return {
    kind: 'dilute',
    valve: 'valve_clean_supply',
    pulseMs: dilution.policy.pulseSec * 1000,
    settleMs: dilution.policy.settleSec * 1000,
    reason: 'ec_overshoot',
    event: 'RECIRC_DILUTE_STARTED',
    state: { ...state, integral: 0, noEffectCount: 0, attempts: 0 },
  };
}

/** One controller tick. */
export function decideDose(input: DoseTickInput): DoseDecision {
  const { metric, now, value, target, pid, policy, state } = input;
  const gated = gate(input);
  if (gated) return gated;
  if (inTolerance(value, target, policy.tolerancePct)) {
    return none('in_band', 'CORRECTION_COMPLETE', resetController(state, now));
  }
  const diluted = overshoot(input);
  if (diluted) return diluted;
  const direction: Direction = value < target ? 'up' : 'down';
  if (metric === 'ec' && direction === 'down') {
    return none('above_target', 'CORRECTION_DECISION_MADE', state);
  }
  const gap = Math.abs(target - value);
  // Dead-zone time is not integrated later: the tick counts as measured.
  if (pidZone(pid, gap) === 'dead') {
    return none('dead_zone', 'CORRECTION_SKIPPED_DEAD_ZONE', { ...state, lastMeasurementAt: now });
  }
  const pump = input.pumps[direction];
  if (!pump) {
    const reason = `no pump bound for ${metric} ${direction}`;
    return configStop(reason, 'biz_zone_dosing_calibration_missing', state);
  }
  if (!(pump.mlPerSec >= policy.mlPerSecMin && pump.mlPerSec <= policy.mlPerSecMax)) {
    const reason = `${pump.channel} calibration ${pump.mlPerSec} ml/s out of range`;
    return configStop(reason, 'biz_zone_dosing_calibration_missing', state);
  }
  if (pump.gainPerMl === null || !(pump.gainPerMl > 0)) {
    return configStop(
      `no process gain for ${pump.channel}`,
      'biz_zone_correction_config_missing',
      state,
    );
  }
  if (state.lastDoseAt !== null && now - state.lastDoseAt < policy.minIntervalSec * 1000) {
    const until = state.lastDoseAt + policy.minIntervalSec * 1000;
    return { kind: 'wait', until, reason: 'cooldown', event: 'CORRECTION_SKIPPED_COOLDOWN', state };
  }
  return sized(input, pump, pump.gainPerMl, direction, gap);
}

/** PID output → ml → ms, with every cap of §4.6 / §11.8. */
function sized(
  input: DoseTickInput,
  pump: DosePump,
  gain: number,
  direction: Direction,
  gap: number,
): DoseDecision {
  const { metric, now, value, target, pid, policy, state } = input;
  const step = pidStep(pid, state, gap, direction, now);
  if (!(step.output > 0)) {
    return none('no_output', 'CORRECTION_DECISION_MADE', { ...state, ...step.memory });
  }
  const requestedMl = step.output / gain;
  const maxMs = Math.min(policy.maxDoseMs, pump.maxDurationMs ?? Infinity);
  const caps: [DoseDetail['cappedBy'][number], number][] = [
    ['gap', gap / gain],
    ['max_ml', policy.maxDoseMl],
    ['max_ms', (pump.mlPerSec * maxMs) / 1000],
  ];
  let ml = requestedMl;
  const cappedBy: DoseDetail['cappedBy'] = [];
  for (const [name, limit] of caps) {
    if (ml <= limit) continue;
    ml = limit;
    cappedBy.push(name);
  }
  ml = floorMl(ml);
  const ms = Math.round((ml / pump.mlPerSec) * 1000);
  if (ms < policy.minDoseMs || ml <= 0) {
    const discarded = { ...state, attempts: state.attempts + 1 };
    return none('dose_discarded', 'CORRECTION_SKIPPED_DOSE_DISCARDED', discarded);
  }
  // Anti-windup: a capped dose does not keep this tick's integral step.
  const memory =
    cappedBy.length > 0 ? { ...step.memory, integral: step.integralBefore } : step.memory;
  const clamped = cappedBy.includes('max_ms');
  return {
    kind: 'dose',
    pump: pump.channel,
    direction,
    ml,
    ms,
    reason: clamped ? 'dose_clamped' : 'dose',
    event: clamped ? 'CORRECTION_DOSE_CLAMPED' : metric === 'ec' ? 'EC_DOSING' : 'PH_CORRECTED',
    detail: {
      value,
      target,
      gap,
      zone: step.zone,
      output: step.output,
      gainPerMl: gain,
      requestedMl,
      cappedBy,
    },
    state: { ...state, ...memory },
  };
}
