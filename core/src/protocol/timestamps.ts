/**
 * Device timestamps (§4, §13.1). Every function takes the server time as `nowMs` so callers
 * decide the clock (tests use a fake one).
 */

/** Unit each message type carries in `ts` on the wire; heartbeat and node_hello carry none. */
export const WIRE_TS_UNITS = {
  telemetry: 's',
  status: 's',
  event: 's',
  command: 's',
  time_response: 's',
  command_response: 'ms',
  error: 'ms',
} as const;
export type TimestampedMessage = keyof typeof WIRE_TS_UNITS;

/** `normalize_device_timestamp`: from 1e10 on a number is taken as milliseconds. */
export const MS_TIMESTAMP_THRESHOLD = 1e10;
/** Telemetry below this is an uptime counter, not a clock (the node was never synced). */
export const MIN_SYNCED_SECONDS = 1e9;
/** Telemetry above this is in milliseconds. */
export const TELEMETRY_MS_THRESHOLD = 1e12;
/** Telemetry further ahead of the server than this is not believed. */
export const MAX_FUTURE_SKEW_MS = 300_000;
/** The node refuses commands whose `ts` is further than this from its clock (§7.3). */
export const COMMAND_TS_TOLERANCE_S = 10;

/** Why a device timestamp was replaced by the server time; each raises an infra alert. */
export type TimestampFlag = 'invalid_timestamp' | 'timestamp_skew';

export interface NormalizedTimestamp {
  readonly tsMs: number;
  readonly flag?: TimestampFlag;
}

function isTimestamp(ts: unknown): ts is number {
  return typeof ts === 'number' && Number.isFinite(ts) && ts > 0;
}

/**
 * Telemetry rules: > 1e12 is ms, otherwise seconds; below 1e9 (uptime) or more than 300 s in
 * the future, the server time is used and flagged. Old samples are kept as they are: freshness
 * checks need their real age.
 */
export function normalizeTelemetryTimestamp(ts: unknown, nowMs: number): NormalizedTimestamp {
  if (!isTimestamp(ts) || ts < MIN_SYNCED_SECONDS)
    return { tsMs: nowMs, flag: 'invalid_timestamp' };
  const tsMs = Math.round(ts > TELEMETRY_MS_THRESHOLD ? ts : ts * 1000);
  if (tsMs > nowMs + MAX_FUTURE_SKEW_MS) return { tsMs: nowMs, flag: 'timestamp_skew' };
  return { tsMs };
}

/**
 * The `ts` of any device message in ms. Telemetry gets the telemetry rules; the others are read
 * by magnitude whatever unit the type should carry (≥ 1e10 ms, else s), which tolerates a node
 * sending the wrong one. A missing or non-numeric `ts` becomes the server time, flagged.
 */
export function normalizeDeviceTimestamp(
  message: TimestampedMessage,
  ts: unknown,
  nowMs: number,
): NormalizedTimestamp {
  if (message === 'telemetry') return normalizeTelemetryTimestamp(ts, nowMs);
  if (!isTimestamp(ts)) return { tsMs: nowMs, flag: 'invalid_timestamp' };
  return { tsMs: Math.round(ts >= MS_TIMESTAMP_THRESHOLD ? ts : ts * 1000) };
}

/**
 * The `ts` to put in an outgoing message of this type. Millisecond stamps keep whole seconds,
 * like the firmware's `seconds * 1000`.
 */
export function wireTimestamp(message: TimestampedMessage, nowMs: number): number {
  const seconds = Math.floor(nowMs / 1000);
  return WIRE_TS_UNITS[message] === 'ms' ? seconds * 1000 : seconds;
}

/** The node's replay window: `|now − ts| ≤ 10 s`, both in whole seconds. */
export function isCommandTimestampFresh(tsSeconds: number, nowMs: number): boolean {
  return Math.abs(Math.floor(nowMs / 1000) - tsSeconds) <= COMMAND_TS_TOLERANCE_S;
}
