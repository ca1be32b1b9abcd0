import type { ChannelEntry } from '../node/node-config.js';

/** Firmware defaults when a channel has no `safe_limits` (§4.6). */
export const DEFAULT_MAX_DURATION_MS = 60_000;
export const DEFAULT_MIN_OFF_MS = 5000;

export interface PumpLimits {
  readonly maxDurationMs: number;
  readonly minOffMs: number;
}

export function pumpLimits(channel: ChannelEntry | undefined): PumpLimits {
  return {
    maxDurationMs: channel?.safe_limits?.max_duration_ms ?? DEFAULT_MAX_DURATION_MS,
    minOffMs: channel?.safe_limits?.min_off_ms ?? DEFAULT_MIN_OFF_MS,
  };
}

export interface DosePlan {
  readonly durationMs: number;
  /** The request was clipped to `max_duration_ms` (reported as `details.duration_limited`). */
  readonly limited: boolean;
}

/** `duration_ms = max(1, ceil(ml / ml_per_second · 1000))`, clipped to `max_duration_ms` (§6). */
export function doseDuration(ml: number, mlPerSecond: number, maxDurationMs: number): DosePlan {
  return clipDuration(Math.max(1, Math.ceil((ml / mlPerSecond) * 1000)), maxDurationMs);
}

export function clipDuration(durationMs: number, maxDurationMs: number): DosePlan {
  return durationMs > maxDurationMs
    ? { durationMs: maxDurationMs, limited: true }
    : { durationMs, limited: false };
}

export function isPumpChannel(channel: ChannelEntry | undefined): boolean {
  return channel?.actuator_type === 'PERISTALTIC_PUMP' || channel?.actuator_type === 'PUMP';
}

/** `state` of set_relay: a boolean, or a number where > 0 means ON (§6). */
export function relayState(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value > 0;
  return undefined;
}

export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
