import { describe, expect, it } from 'vitest';
import {
  CLIMATE_DEVICE_DEFAULTS,
  CLIMATE_MAX_AGE_MS,
  hysteresisStep,
  targetAt,
  type HysteresisConfig,
  type SwitchState,
} from '../../../src/automation/climate/hysteresis.js';

const NOW = 1_736_935_200_000; // 2025-01-15T10:00:00Z
const heater: HysteresisConfig = {
  ...CLIMATE_DEVICE_DEFAULTS.heater,
  maxAgeMs: CLIMATE_MAX_AGE_MS,
};
const fan: HysteresisConfig = { ...CLIMATE_DEVICE_DEFAULTS.fan, maxAgeMs: CLIMATE_MAX_AGE_MS };
const humidifier: HysteresisConfig = {
  ...CLIMATE_DEVICE_DEFAULTS.humidifier,
  maxAgeMs: CLIMATE_MAX_AGE_MS,
};
const OFF_LONG_AGO: SwitchState = { on: false, since: NOW - 3_600_000 };
const ON_LONG_AGO: SwitchState = { on: true, since: NOW - 3_600_000 };
const reading = (value: number, ageMs = 0) => ({ value, ts: NOW - ageMs });

describe('hysteresisStep: band (target 22 °C / 60 % RH)', () => {
  it.each([
    // [device, config, state, value, target, on, reason]
    ['heater off, 21.5 (= target − 0.5)', heater, OFF_LONG_AGO, 21.5, 22, true, 'below_band'],
    ['heater off, 21.6 stays off', heater, OFF_LONG_AGO, 21.6, 22, false, 'in_band'],
    ['heater on, 22.4 stays on', heater, ON_LONG_AGO, 22.4, 22, true, 'in_band'],
    ['heater on, 22.5 (= target + 0.5)', heater, ON_LONG_AGO, 22.5, 22, false, 'above_band'],
    ['fan off, 22.5', fan, OFF_LONG_AGO, 22.5, 22, true, 'above_band'],
    ['fan on, 21.6 stays on', fan, ON_LONG_AGO, 21.6, 22, true, 'in_band'],
    ['fan on, 21.5', fan, ON_LONG_AGO, 21.5, 22, false, 'below_band'],
    ['fan off, far below stays off', fan, OFF_LONG_AGO, 15, 22, false, 'below_band'],
    ['humidifier off, 57 % RH', humidifier, OFF_LONG_AGO, 57, 60, true, 'below_band'],
    ['humidifier on, 62.9 % stays on', humidifier, ON_LONG_AGO, 62.9, 60, true, 'in_band'],
    ['humidifier on, 63 %', humidifier, ON_LONG_AGO, 63, 60, false, 'above_band'],
  ])('%s', (_name, cfg, state, value, target, on, reason) => {
    const d = hysteresisStep(cfg, state, reading(value), target, NOW);
    expect(d.on).toBe(on);
    expect(d.reason).toBe(reason);
    expect(d.changed).toBe(on !== state.on);
    expect(d.state).toEqual(on !== state.on ? { on, since: NOW } : state);
  });
});

describe('hysteresisStep: minimum on/off times', () => {
  it('holds the heater on until 120 s after it switched on', () => {
    const state = { on: true, since: NOW - 30_000 };
    expect(hysteresisStep(heater, state, reading(23), 22, NOW)).toEqual({
      on: true,
      state,
      changed: false,
      reason: 'min_on_hold',
      holdUntil: NOW + 90_000,
    });
    expect(hysteresisStep(heater, state, reading(23), 22, NOW + 90_000)).toMatchObject({
      on: false,
      changed: true,
      state: { on: false, since: NOW + 90_000 },
    });
  });

  it('holds the fan off until 120 s after it switched off', () => {
    const state = { on: false, since: NOW - 119_999 };
    expect(hysteresisStep(fan, state, reading(30), 22, NOW)).toMatchObject({
      on: false,
      reason: 'min_off_hold',
      holdUntil: NOW + 1,
    });
  });

  it('a device never switched by us has no minimum time', () => {
    expect(hysteresisStep(heater, { on: false, since: null }, reading(18), 22, NOW)).toMatchObject({
      on: true,
      changed: true,
    });
  });
});

describe('hysteresisStep: fail-closed inputs', () => {
  it.each([
    ['no reading', null, 'no_reading'],
    ['a reading 1200.001 s old', reading(18, CLIMATE_MAX_AGE_MS + 1), 'stale_reading'],
    ['a NaN reading', reading(Number.NaN), 'no_reading'],
  ])('%s switches off at once, min-on time or not', (_name, r, reason) => {
    const justOn = { on: true, since: NOW - 1_000 };
    expect(hysteresisStep(heater, justOn, r, 22, NOW)).toEqual({
      on: false,
      state: { on: false, since: NOW },
      changed: true,
      reason,
    });
  });

  it('a reading exactly 1200 s old is still used', () => {
    expect(hysteresisStep(heater, OFF_LONG_AGO, reading(18, CLIMATE_MAX_AGE_MS), 22, NOW).on).toBe(
      true,
    );
  });

  it('stays off without a reading and changes nothing', () => {
    expect(hysteresisStep(heater, OFF_LONG_AGO, null, 22, NOW)).toEqual({
      on: false,
      state: OFF_LONG_AGO,
      changed: false,
      reason: 'no_reading',
    });
  });
});

describe('targetAt (day/night)', () => {
  const target = { day: 24, night: 18, dayWindow: { start: '06:00', hours: 16 } };

  it.each([
    ['05:59 local', '2025-01-15T04:59:00Z', 18],
    ['06:00 local', '2025-01-15T05:00:00Z', 24],
    ['21:59 local', '2025-01-15T20:59:00Z', 24],
    ['22:00 local', '2025-01-15T21:00:00Z', 18],
  ])('%s → %s °C', (_name, iso, expected) => {
    expect(targetAt(target, Date.parse(iso), 'Europe/Berlin')).toBe(expected);
  });

  it('without a day window the day target holds', () => {
    expect(
      targetAt({ ...target, dayWindow: null }, Date.parse('2025-01-15T23:00:00Z'), 'UTC'),
    ).toBe(24);
  });
});
