import { describe, expect, it } from 'vitest';
import {
  DILUTE_DEFAULTS,
  DOSE_POLICY_DEFAULTS,
  PID_DEFAULTS,
} from '../../../src/automation/correction/config.js';
import { decideDose, resetController } from '../../../src/automation/correction/dose.js';
import { INITIAL_CONTROLLER_STATE } from '../../../src/automation/correction/dose-types.js';
import { EC_PUMP, NOW, input, state } from './support/dose-input.js';

describe('the reference worked example (§4.6): recirc step Ca, T_ca 0.768, EC 0.300', () => {
  it('doses 42.9 ml for 42 900 ms on pump_b with the far coefficients', () => {
    const d = decideDose(input('ec'));
    expect(d).toMatchObject({
      kind: 'dose',
      pump: 'pump_b',
      direction: 'up',
      ml: 42.9,
      ms: 42_900,
      reason: 'dose',
      event: 'EC_DOSING',
    });
    if (d.kind !== 'dose') return;
    expect(d.detail.gap).toBeCloseTo(0.468, 10);
    expect(d.detail.zone).toBe('far');
    expect(d.detail.output).toBeCloseTo(0.2574, 10);
    expect(d.detail.requestedMl).toBeCloseTo(42.9, 10);
    expect(d.detail.cappedBy).toEqual([]);
    expect(d.state).toMatchObject({ integral: 0, lastMeasurementAt: NOW, direction: 'up' });
    expect(d.state.prevError).toBeCloseTo(0.468, 10);
  });

  // A 2 ml/s pump keeps these doses under the 60 s run limit.
  const fast = { up: { ...EC_PUMP, mlPerSec: 2 } };

  it('integrates the gap over the time since the last active tick', () => {
    const prior = state({ lastMeasurementAt: NOW - 10_000 });
    const d = decideDose(input('ec', { state: prior, pumps: fast }));
    // I = 0.468 · 10 = 4.68; output = 0.2574 + 0.03 · 4.68 = 0.3978 → 66.3 ml.
    expect(d).toMatchObject({ kind: 'dose', ml: 66.3, ms: 33_150 });
    if (d.kind === 'dose') expect(d.state.integral).toBeCloseTo(4.68, 10);
  });

  it('applies a filtered derivative', () => {
    const pid = { ...PID_DEFAULTS.ec, far: { kp: 0.55, ki: 0.03, kd: 1 } };
    const prior = state({ lastMeasurementAt: NOW - 10_000, prevError: 0.5 });
    const d = decideDose(input('ec', { pid, state: prior, pumps: fast }));
    // D = 0.35 · (0.468 − 0.5) / 10 = −0.00112; output 0.3978 − 0.00112 = 0.39668 → 66.11 ml.
    expect(d).toMatchObject({ kind: 'dose', ml: 66.11, ms: 33_055 });
    if (d.kind === 'dose') expect(d.state.prevDerivative).toBeCloseTo(-0.00112, 10);
  });
});

describe('pH', () => {
  it('doses acid when pH is above target (6.5 → 5.8)', () => {
    // gap 0.7 (far): 0.28 · 0.7 = 0.196 → 13.0667 ml → floored to 13.06 ml at 0.5 ml/s.
    expect(decideDose(input('ph'))).toMatchObject({
      kind: 'dose',
      pump: 'pump_acid',
      direction: 'down',
      ml: 13.06,
      ms: 26_120,
      event: 'PH_CORRECTED',
    });
  });

  it('doses base when pH is below target (5.2 → 5.8)', () => {
    // gap 0.6: 0.28 · 0.6 = 0.168 → 11.2 ml.
    expect(decideDose(input('ph', { value: 5.2 }))).toMatchObject({
      kind: 'dose',
      pump: 'pump_base',
      direction: 'up',
      ml: 11.2,
      ms: 22_400,
    });
  });

  it('a direction switch restarts the integral', () => {
    const prior = state({ direction: 'up', integral: 5, lastMeasurementAt: NOW - 10_000 });
    const d = decideDose(input('ph', { state: prior }));
    // I = 0 + 0.7 · 10 = 7; output 0.196 + 0.015 · 7 = 0.301 → 20.0667 ml.
    expect(d).toMatchObject({ kind: 'dose', ml: 20.06, state: { direction: 'down' } });
    if (d.kind === 'dose') expect(d.state.integral).toBeCloseTo(7, 10);
  });

  it('the integral is clamped to ±max_integral (12)', () => {
    const prior = state({ direction: 'down', integral: 5, lastMeasurementAt: NOW - 10_000 });
    const d = decideDose(input('ph', { state: prior }));
    // I = min(12, 5 + 7); output 0.196 + 0.18 = 0.376 → 25.0667 ml.
    expect(d).toMatchObject({ kind: 'dose', ml: 25.06, state: { integral: 12 } });
  });
});

describe('no dose', () => {
  it('inside the tolerance band: complete, PID and counters reset', () => {
    const prior = state({
      integral: 5,
      prevError: 0.2,
      noEffectCount: 2,
      attempts: 3,
      direction: 'up',
    });
    expect(decideDose(input('ec', { value: 0.8, state: prior }))).toEqual({
      kind: 'none',
      reason: 'in_band',
      event: 'CORRECTION_COMPLETE',
      state: { ...INITIAL_CONTROLLER_STATE, lastMeasurementAt: NOW },
    });
  });

  it('inside the dead zone (0.048 ≤ 0.06) with no tolerance band', () => {
    const policy = { ...DOSE_POLICY_DEFAULTS.ec, tolerancePct: 0 };
    expect(decideDose(input('ec', { value: 0.72, policy }))).toEqual({
      kind: 'none',
      reason: 'dead_zone',
      event: 'CORRECTION_SKIPPED_DEAD_ZONE',
      state: { ...INITIAL_CONTROLLER_STATE, lastMeasurementAt: NOW },
    });
  });

  it.each([
    ['above the band, below the overshoot threshold', 0.86, true],
    ['far above, but no dilution path (fill/irrigation)', 1.2, false],
  ])('EC %s is never dosed down', (_name, value, withDilution) => {
    const dilution = { policy: DILUTE_DEFAULTS, attempts: 0, solutionMaxTriggered: false };
    const d = decideDose(input('ec', { value, ...(withDilution ? { dilution } : {}) }));
    expect(d).toMatchObject({ kind: 'none', reason: 'above_target' });
  });

  it('a PID output ≤ 0 (strong negative derivative) doses nothing', () => {
    const pid = { ...PID_DEFAULTS.ec, far: { kp: 0.55, ki: 0.03, kd: 100 } };
    const prior = state({ lastMeasurementAt: NOW - 1_000, prevError: 1 });
    expect(decideDose(input('ec', { pid, state: prior }))).toMatchObject({
      kind: 'none',
      reason: 'no_output',
      state: { lastMeasurementAt: NOW },
    });
  });
});

describe('timing', () => {
  it('cooldown: 25 s between EC doses', () => {
    expect(decideDose(input('ec', { state: state({ lastDoseAt: NOW - 10_000 }) }))).toEqual({
      kind: 'wait',
      until: NOW + 15_000,
      reason: 'cooldown',
      event: 'CORRECTION_SKIPPED_COOLDOWN',
      state: state({ lastDoseAt: NOW - 10_000 }),
    });
    expect(decideDose(input('ec', { state: state({ lastDoseAt: NOW - 25_000 }) })).kind).toBe(
      'dose',
    );
  });

  it('cooldown: 20 s between pH doses', () => {
    expect(decideDose(input('ph', { state: state({ lastDoseAt: NOW - 19_999 }) }))).toMatchObject({
      kind: 'wait',
      until: NOW + 1,
    });
  });

  it('hold: nothing is planned until the observation hold ends', () => {
    expect(decideDose(input('ec', { state: state({ holdUntil: NOW + 5_000 }) }))).toMatchObject({
      kind: 'wait',
      until: NOW + 5_000,
      reason: 'hold',
    });
    expect(decideDose(input('ec', { state: state({ holdUntil: NOW }) })).kind).toBe('dose');
  });
});

describe('resetController', () => {
  it('clears PID and counters but keeps cooldown and hold', () => {
    const prior = state({
      integral: 7,
      prevError: 0.3,
      prevDerivative: 0.01,
      direction: 'down',
      lastMeasurementAt: NOW - 60_000,
      lastDoseAt: NOW - 10_000,
      holdUntil: NOW + 6_000,
      noEffectCount: 3,
      attempts: 5,
    });
    expect(resetController(prior, NOW)).toEqual(
      state({ lastMeasurementAt: NOW, lastDoseAt: NOW - 10_000, holdUntil: NOW + 6_000 }),
    );
  });
});
