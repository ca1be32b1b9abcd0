import {
  insideWindow,
  nextTransition,
  parseWindow,
  type DailyWindow,
  type Weekdays,
} from '../time/daily-window.js';
import { parseTimeOfDay } from '../time/zoned-time.js';

/**
 * Lighting decisions (reference-domain §6.1): is the photoperiod on at an instant in the
 * greenhouse's time zone, which duty to send, and when the next boundary is, so the runtime can
 * wake exactly then instead of polling. Commands: ON ⇒ `set_pwm{duty}` on a PWM channel or
 * `set_relay{true}`; OFF ⇒ `set_pwm{0}` / `set_relay{false}`.
 */

/** Where the window comes from: phase/profile targets or a dispatch payload. */
export interface LightingTargets {
  /** Phase `lighting_start_time` (`HH:MM`). */
  startTime?: string | null;
  /** Phase `lighting_photoperiod_hours` (0–24). */
  photoperiodHours?: number | null;
  /** Profile/payload `"HH:MM-HH:MM"`; wins over start + hours when both are set. */
  window?: string | null;
}

export interface Brightness {
  /** The dispatch request's `brightness_pct` (first choice). */
  requestPct?: number | null;
  /** The targets' `brightness` (second choice; 100 when neither is set). */
  targetPct?: number | null;
  /** Docs' `brightness_night`: the duty outside the window (default 0, i.e. off). */
  nightPct?: number | null;
}

export interface LightingDecision {
  inWindow: boolean;
  /** PWM duty 0–100 to send now. */
  dutyPct: number;
  /** For a relay channel: on iff the duty is above zero. */
  relayOn: boolean;
  /** The next instant the window's state changes (null: it never does, e.g. 24 h light). */
  nextChangeAt: number | null;
}

/**
 * The lighting window of a zone, or null when there is none (no start time or hours): no window
 * means no lighting dispatch, never "lights on" by default (§6.1: invalid state ⇒ skip).
 */
export function lightingWindow(targets: LightingTargets): DailyWindow | null {
  if (targets.window) return parseWindow(targets.window);
  const { startTime, photoperiodHours } = targets;
  if (!startTime || photoperiodHours === null || photoperiodHours === undefined) return null;
  if (!Number.isFinite(photoperiodHours) || photoperiodHours < 0 || photoperiodHours > 24) {
    throw new RangeError(`photoperiod must be 0–24 h, got ${photoperiodHours}`);
  }
  parseTimeOfDay(startTime);
  return { start: startTime, hours: photoperiodHours };
}

function pct(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.min(100, Math.max(0, value));
}

/** The duty inside the window: request → targets → 100 (§6.1), clamped to 0–100. */
export function dayDuty(brightness: Brightness): number {
  return pct(brightness.requestPct) ?? pct(brightness.targetPct) ?? 100;
}

/** The lighting state at `at`. */
export function lightingAt(
  window: DailyWindow,
  brightness: Brightness,
  at: number,
  timeZone: string,
  days?: Weekdays,
): LightingDecision {
  const inWindow = insideWindow(window, at, timeZone, days);
  const dutyPct = inWindow ? dayDuty(brightness) : (pct(brightness.nightPct) ?? 0);
  return {
    inWindow,
    dutyPct,
    relayOn: dutyPct > 0,
    nextChangeAt: nextTransition(window, at, timeZone, days)?.at ?? null,
  };
}
