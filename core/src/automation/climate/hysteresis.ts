import { insideWindow, type DailyWindow } from '../time/daily-window.js';

/**
 * On/off zone climate control for heaters, fans and humidifiers. The reference runtime does not
 * control zone climate (reference-domain §6.3 [code]: phase temperature/humidity are only a
 * "climate request"); its docs sketch a hysteresis controller ("heat if T < target − h, cool if
 * T > target + h") and §6.3 asks the port for "min on/off times, the same deadband/min-interval
 * pattern as §6.2". This is that controller, one per actuator:
 * - `raise` devices (heater, humidifier) switch on at `target − halfBand` and off at
 *   `target + halfBand`; `lower` devices (fan) the other way round. Inside the band the state holds.
 * - a switch waits out `minOnMs` / `minOffMs` since the last change (relay and compressor wear,
 *   no chattering on a noisy probe).
 * - no reading, or one older than `maxAgeMs`, switches off at once, min-on time or not
 *   (fail-closed, reference §0 principle 4: unknown state ⇒ actuators off).
 */

export type ClimateAction = 'raise' | 'lower';

export interface HysteresisConfig {
  action: ClimateAction;
  /** Half the hysteresis band, in the metric's unit. */
  halfBand: number;
  minOnMs: number;
  minOffMs: number;
  /** Readings older than this are stale. */
  maxAgeMs: number;
}

export interface SwitchState {
  on: boolean;
  /** When the state last changed; null = never switched by us (no minimum time applies). */
  since: number | null;
}

export interface Reading {
  value: number;
  ts: number;
}

export type SwitchReason =
  | 'below_band'
  | 'above_band'
  | 'in_band'
  | 'min_on_hold'
  | 'min_off_hold'
  | 'no_reading'
  | 'stale_reading';

export interface SwitchDecision {
  on: boolean;
  /** The state to persist. */
  state: SwitchState;
  changed: boolean;
  reason: SwitchReason;
  /** For a minimum-time hold: when the switch may happen. */
  holdUntil?: number;
}

/** Day/night setpoints (phase `temp_air_day/night`, `humidity_day/night`). */
export interface DayNightTarget {
  day: number;
  night: number;
  /** The day window; null uses `day` all the time (§3.4: invalid day/night config ⇒ day). */
  dayWindow: DailyWindow | null;
}

/**
 * Ours, not the reference's (it has no zone climate control): ±0.5 °C and ±3 % RH keep relays
 * from chattering on probe noise; 2 min minimum on/off suits relays and small compressors; stale
 * after 1200 s like the greenhouse climate's `sensor_freshness_sec` (§6.2).
 */
export const CLIMATE_DEVICE_DEFAULTS = {
  heater: { action: 'raise', halfBand: 0.5, minOnMs: 120_000, minOffMs: 120_000 },
  fan: { action: 'lower', halfBand: 0.5, minOnMs: 120_000, minOffMs: 120_000 },
  humidifier: { action: 'raise', halfBand: 3, minOnMs: 120_000, minOffMs: 120_000 },
} as const satisfies Record<string, Omit<HysteresisConfig, 'maxAgeMs'>>;
export const CLIMATE_MAX_AGE_MS = 1_200_000;

/** The setpoint in force at `at`. */
export function targetAt(target: DayNightTarget, at: number, timeZone: string): number {
  if (!target.dayWindow) return target.day;
  return insideWindow(target.dayWindow, at, timeZone) ? target.day : target.night;
}

function wanted(cfg: HysteresisConfig, value: number, target: number, on: boolean) {
  const low = value <= target - cfg.halfBand;
  const high = value >= target + cfg.halfBand;
  const reason: SwitchReason = low ? 'below_band' : high ? 'above_band' : 'in_band';
  if (!low && !high) return { on, reason };
  return { on: cfg.action === 'raise' ? low : high, reason };
}

/** One control step for one actuator. */
export function hysteresisStep(
  cfg: HysteresisConfig,
  state: SwitchState,
  reading: Reading | null,
  target: number,
  now: number,
): SwitchDecision {
  const fresh = reading !== null && Number.isFinite(reading.value);
  if (!fresh || now - reading.ts > cfg.maxAgeMs) {
    const reason: SwitchReason = fresh ? 'stale_reading' : 'no_reading';
    if (!state.on) return { on: false, state, changed: false, reason };
    return { on: false, state: { on: false, since: now }, changed: true, reason };
  }
  const want = wanted(cfg, reading.value, target, state.on);
  if (want.on === state.on) return { on: state.on, state, changed: false, reason: want.reason };
  const minMs = state.on ? cfg.minOnMs : cfg.minOffMs;
  if (state.since !== null && now - state.since < minMs) {
    return {
      on: state.on,
      state,
      changed: false,
      reason: state.on ? 'min_on_hold' : 'min_off_hold',
      holdUntil: state.since + minMs,
    };
  }
  return { on: want.on, state: { on: want.on, since: now }, changed: true, reason: want.reason };
}
