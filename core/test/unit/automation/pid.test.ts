import { describe, expect, it } from 'vitest';
import {
  PID_DEFAULTS,
  PROCESS_CALIBRATION_DEFAULTS,
} from '../../../src/automation/correction/config.js';
import {
  NO_LEARNING,
  ZERO_PID,
  effectiveGain,
  pidProfileError,
  pidStep,
  pidZone,
} from '../../../src/automation/correction/pid.js';

const AUTH = PROCESS_CALIBRATION_DEFAULTS.ecGainPerMl; // 0.006
const learned = (observations: number, learnedGain: number, retentionEma = 1, waveEma = 0) => ({
  observations,
  learnedGain,
  retentionEma,
  waveEma,
});

describe('pidZone (zone.pid.ec: dead 0.06, close 0.25)', () => {
  it.each([
    [0, 'dead'],
    [0.06, 'dead'],
    [0.061, 'close'],
    [0.25, 'close'],
    [0.251, 'far'],
    [3, 'far'],
  ])('gap %s → %s', (gap, zone) => {
    expect(pidZone(PID_DEFAULTS.ec, gap)).toBe(zone);
  });
});

describe('pidProfileError', () => {
  it('accepts the catalog profiles', () => {
    expect(pidProfileError(PID_DEFAULTS.ph)).toBeNull();
    expect(pidProfileError(PID_DEFAULTS.ec)).toBeNull();
  });

  it.each([
    [{ farZone: 0.18 }, 'pid_far_zone_not_above_close_zone'],
    [{ closeZone: 0.04 }, 'pid_close_zone_not_above_dead_zone'],
    [{ deadZone: -0.01 }, 'pid_close_zone_not_above_dead_zone'],
    [{ derivativeAlpha: 1.5 }, 'pid_limits_invalid'],
    [{ maxIntegral: Number.POSITIVE_INFINITY }, 'pid_not_finite'],
  ])('%j → %s', (over, code) => {
    expect(pidProfileError({ ...PID_DEFAULTS.ph, ...over })).toBe(code);
  });
});

describe('pidStep', () => {
  it('first tick: no integral, no derivative, far coefficients', () => {
    const step = pidStep(PID_DEFAULTS.ec, ZERO_PID, 0.468, 'up', 1000);
    expect(step.zone).toBe('far');
    expect(step.output).toBeCloseTo(0.2574, 12);
    expect(step.memory).toEqual({
      integral: 0,
      prevError: 0.468,
      prevDerivative: 0,
      lastMeasurementAt: 1000,
      direction: 'up',
    });
  });

  it('close coefficients at or below the close zone', () => {
    const step = pidStep(PID_DEFAULTS.ph, ZERO_PID, 0.18, 'down', 1000);
    expect(step.zone).toBe('close');
    expect(step.output).toBeCloseTo(0.18 * 0.18, 12);
  });

  it('a measurement time going backwards integrates nothing', () => {
    const memory = { ...ZERO_PID, integral: 2, lastMeasurementAt: 5000, direction: 'up' as const };
    const step = pidStep(PID_DEFAULTS.ec, memory, 0.3, 'up', 4000);
    expect(step.memory.integral).toBe(2);
    expect(step.integralBefore).toBe(2);
  });
});

describe('effectiveGain (§4.6)', () => {
  it('without observations the calibration is the gain', () => {
    expect(effectiveGain(AUTH, NO_LEARNING, { floorAtCalibration: false })).toBe(AUTH);
  });

  it.each([
    // [learning, floorAtCalibration, expected]
    ['6 clean observations: full weight', learned(6, 0.012), false, 0.012],
    ['learned far above: capped at 4× calibration', learned(10, 0.05), false, 0.024],
    ['learned far below: floored at ¼ calibration', learned(10, 0.001), false, 0.0015],
    ['recirculation EC never learns below the calibration', learned(10, 0.003), true, 0.006],
    ['recirculation EC may learn above it', learned(6, 0.009), true, 0.009],
    // w = 3/6 · max(0.25, 0.8) · max(0.35, 1 − 0.2) = 0.32 → 0.006 · 0.68 + 0.012 · 0.32.
    ['3 observations, retention 0.8, wave 0.2', learned(3, 0.012, 0.8, 0.2), false, 0.00792],
    // w = 1 · max(0.25, 0.1) · max(0.35, 1 − 0.65) = 0.0875.
    [
      'poor retention and a wavy response barely count',
      learned(6, 0.012, 0.1, 0.9),
      false,
      0.006525,
    ],
  ])('%s', (_name, learning, floorAtCalibration, expected) => {
    expect(effectiveGain(AUTH, learning, { floorAtCalibration })).toBeCloseTo(expected, 12);
  });

  it.each([null, undefined, 0, -0.006, Number.NaN, Number.POSITIVE_INFINITY])(
    'a missing or invalid calibration (%s) gives no gain: fail closed',
    (auth) => {
      expect(effectiveGain(auth, learned(6, 0.006), { floorAtCalibration: false })).toBeNull();
    },
  );
});
