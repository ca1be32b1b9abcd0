import { describe, expect, it } from 'vitest';
import {
  isCommandTimestampFresh,
  normalizeDeviceTimestamp,
  normalizeTelemetryTimestamp,
  wireTimestamp,
} from '../../../src/protocol/timestamps.js';

const nowMs = 1_710_001_300_000;

describe('normalizeTelemetryTimestamp', () => {
  it.each([
    ['seconds', 1_710_001_234, { tsMs: 1_710_001_234_000 }],
    ['milliseconds (> 1e12)', 1_710_001_234_567, { tsMs: 1_710_001_234_567 }],
    ['fractional seconds', 1_710_001_234.5, { tsMs: 1_710_001_234_500 }],
    ['a sample hours old, kept for freshness checks', 1_709_990_000, { tsMs: 1_709_990_000_000 }],
    ['exactly 300 s ahead', 1_710_001_600, { tsMs: 1_710_001_600_000 }],
    ['301 s ahead', 1_710_001_601, { tsMs: nowMs, flag: 'timestamp_skew' }],
    ['ms far ahead', 1_810_001_234_000, { tsMs: nowMs, flag: 'timestamp_skew' }],
    // Between 1e10 and 1e12 telemetry is still read as seconds, which lands centuries ahead.
    ['1e11 (seconds, far future)', 1e11, { tsMs: nowMs, flag: 'timestamp_skew' }],
    ['an uptime counter (< 1e9)', 3600, { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['just below 1e9', 999_999_999, { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['zero', 0, { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['negative', -5, { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['a string', '1710001234', { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['missing', undefined, { tsMs: nowMs, flag: 'invalid_timestamp' }],
    ['NaN', NaN, { tsMs: nowMs, flag: 'invalid_timestamp' }],
  ])('%s', (_name, ts, expected) => {
    expect(normalizeTelemetryTimestamp(ts, nowMs)).toEqual(expected);
  });
});

describe('normalizeDeviceTimestamp', () => {
  it('applies the telemetry rules to telemetry', () => {
    expect(normalizeDeviceTimestamp('telemetry', 3600, nowMs)).toEqual({
      tsMs: nowMs,
      flag: 'invalid_timestamp',
    });
  });

  it.each([
    ['command_response in ms', 'command_response', 1_710_003_333_000, 1_710_003_333_000],
    ['error in ms', 'error', 1_710_003_800_000, 1_710_003_800_000],
    ['status in s', 'status', 1_710_001_555, 1_710_001_555_000],
    ['event in s', 'event', 1_710_003_398, 1_710_003_398_000],
    // >= 1e10 is ms whatever the type should carry, so a wrong unit is tolerated.
    ['a command_response sent in seconds', 'command_response', 1_710_003_333, 1_710_003_333_000],
    ['a status sent in ms', 'status', 1_710_001_555_000, 1_710_001_555_000],
    ['exactly 1e10, read as ms', 'event', 1e10, 1e10],
    ['just below 1e10, read as s', 'event', 9_999_999_999, 9_999_999_999_000],
  ] as const)('reads %s', (_name, message, ts, tsMs) => {
    expect(normalizeDeviceTimestamp(message, ts, nowMs)).toEqual({ tsMs });
  });

  it('stamps a missing ts with the server time and flags it', () => {
    expect(normalizeDeviceTimestamp('event', undefined, nowMs)).toEqual({
      tsMs: nowMs,
      flag: 'invalid_timestamp',
    });
  });
});

describe('outgoing timestamps', () => {
  it('are whole seconds for seconds-typed messages and seconds × 1000 for the ms ones', () => {
    const at = 1_737_355_113_987;
    expect(wireTimestamp('command', at)).toBe(1_737_355_113);
    expect(wireTimestamp('time_response', at)).toBe(1_737_355_113);
    expect(wireTimestamp('telemetry', at)).toBe(1_737_355_113);
    expect(wireTimestamp('command_response', at)).toBe(1_737_355_113_000);
    expect(wireTimestamp('error', at)).toBe(1_737_355_113_000);
  });

  it('a command is fresh within ±10 s of the node clock', () => {
    const ts = 1_737_355_113;
    expect(isCommandTimestampFresh(ts, (ts + 10) * 1000 + 999)).toBe(true);
    expect(isCommandTimestampFresh(ts, (ts - 10) * 1000)).toBe(true);
    expect(isCommandTimestampFresh(ts, (ts + 11) * 1000)).toBe(false);
    expect(isCommandTimestampFresh(ts, (ts - 11) * 1000)).toBe(false);
  });
});
