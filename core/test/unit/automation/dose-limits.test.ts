import { describe, expect, it } from 'vitest';
import {
  DILUTE_DEFAULTS,
  DOSE_POLICY_DEFAULTS,
  PID_DEFAULTS,
  PROCESS_CALIBRATION_DEFAULTS,
} from '../../../src/automation/correction/config.js';
import { decideDose } from '../../../src/automation/correction/dose.js';
import { BASE, EC_PUMP, NOW, input, state } from './support/dose-input.js';

describe('dilute on overshoot (§4.9)', () => {
  const dilution = { policy: DILUTE_DEFAULTS, attempts: 0, solutionMaxTriggered: false };
  // Threshold: 0.768 · 1.15 = 0.8832.

  it('asks for a 10 s clean-water pulse and a 30 s settle, resetting integral and counters', () => {
    const prior = state({ integral: 3, noEffectCount: 2, attempts: 2 });
    expect(decideDose(input('ec', { value: 0.9, dilution, state: prior }))).toEqual({
      kind: 'dilute',
      valve: 'valve_clean_supply',
      pulseMs: 10_000,
      settleMs: 30_000,
      reason: 'ec_overshoot',
      event: 'RECIRC_DILUTE_STARTED',
      state: state({ integral: 0, noEffectCount: 0, attempts: 0 }),
    });
  });

  it.each([
    [
      'the tank is at max',
      { ...dilution, solutionMaxTriggered: true },
      'dilute_blocked_solution_max',
    ],
    ['3 dilutions were already made', { ...dilution, attempts: 3 }, 'dilute_exhausted'],
  ])('is refused when %s', (_name, ctx, reason) => {
    expect(decideDose(input('ec', { value: 0.9, dilution: ctx }))).toMatchObject({
      kind: 'none',
      reason,
    });
  });
});

describe('caps (§4.6, §11.8)', () => {
  it('max 80 ml, then the 60 s pump run at 1 ml/s clamps it to 60 ml', () => {
    // EC 0.3 → 1.6: gap 1.3, output 0.715 → 119.17 ml.
    const d = decideDose(input('ec', { target: 1.6 }));
    expect(d).toMatchObject({
      kind: 'dose',
      ml: 60,
      ms: 60_000,
      reason: 'dose_clamped',
      event: 'CORRECTION_DOSE_CLAMPED',
      detail: { cappedBy: ['max_ml', 'max_ms'] },
    });
  });

  it("the node's max_duration_ms is a tighter clamp", () => {
    const pumps = { up: { ...EC_PUMP, maxDurationMs: 30_000 } };
    expect(decideDose(input('ec', { target: 1.6, pumps }))).toMatchObject({ ml: 30, ms: 30_000 });
  });

  it('one pulse never exceeds gap / gain, and a capped dose keeps the old integral', () => {
    const pid = { ...PID_DEFAULTS.ec, far: { kp: 2, ki: 0.03, kd: 0 } };
    const prior = state({ integral: 1, lastMeasurementAt: NOW - 10_000 });
    const d = decideDose(input('ec', { value: 0.5, pid, state: prior }));
    // gap 0.268 / 0.006 = 44.667 ml < output 0.6464 / 0.006 = 107.7 ml.
    expect(d).toMatchObject({ kind: 'dose', ml: 44.66, ms: 44_660, detail: { cappedBy: ['gap'] } });
    if (d.kind === 'dose') expect(d.state.integral).toBe(1);
  });

  it('a run shorter than 50 ms is discarded (not rounded up) and counts as an attempt', () => {
    const policy = { ...DOSE_POLICY_DEFAULTS.ec, tolerancePct: 0 };
    const pumps = { up: { channel: 'pump_b', mlPerSec: 20, gainPerMl: 0.03 } };
    const prior = state({ attempts: 2, integral: 0.5, lastMeasurementAt: NOW - 5_000 });
    // gap 0.068 (close): 0.35 · 0.068 + 0.02 · 0.84 = 0.0406 → 1.35 ml … at 20 ml/s = 68 ms: kept.
    expect(decideDose(input('ec', { value: 0.7, policy, pumps, state: prior }))).toMatchObject({
      kind: 'dose',
      ms: 68,
    });
    // Without history: 0.0238 / 0.03 = 0.79 ml = 40 ms: discarded.
    expect(
      decideDose(input('ec', { value: 0.7, policy, pumps, state: state({ attempts: 2 }) })),
    ).toEqual({
      kind: 'none',
      reason: 'dose_discarded',
      event: 'CORRECTION_SKIPPED_DOSE_DISCARDED',
      state: state({ attempts: 3 }),
    });
  });
});

describe('stops (§11.9, §11.11)', () => {
  it.each([
    ['ec', 'biz_ec_correction_no_effect'],
    ['ph', 'biz_ph_correction_no_effect'],
  ] as const)('%s: 4 consecutive no-effect observations block dosing', (metric, alert) => {
    expect(decideDose(input(metric, { state: state({ noEffectCount: 4 }) }))).toMatchObject({
      kind: 'stop',
      code: 'no_effect',
      alert,
      event: 'CORRECTION_NO_EFFECT',
    });
    expect(decideDose(input(metric, { state: state({ noEffectCount: 3 }) })).kind).toBe('dose');
  });

  it('the block holds even once the value is back in band (cleared only by a reset)', () => {
    expect(decideDose(input('ec', { value: 0.768, state: state({ noEffectCount: 4 }) })).kind).toBe(
      'stop',
    );
  });

  it('8 consecutive attempts exhaust the window; an uncapped stage (fill) goes on', () => {
    expect(decideDose(input('ec', { state: state({ attempts: 8 }) }))).toMatchObject({
      kind: 'stop',
      code: 'attempts_exhausted',
      alert: 'biz_correction_exhausted',
      event: 'CORRECTION_EXHAUSTED',
    });
    const uncapped = { ...DOSE_POLICY_DEFAULTS.ec, maxAttempts: null };
    expect(decideDose(input('ec', { policy: uncapped, state: state({ attempts: 50 }) })).kind).toBe(
      'dose',
    );
  });

  const badPid = (over: object) => ({ pid: { ...PID_DEFAULTS.ec, ...over } });
  it.each([
    ['far zone not above close', badPid({ farZone: 0.25 }), 'biz_zone_pid_config_missing'],
    ['close zone not above dead', badPid({ closeZone: 0.06 }), 'biz_zone_pid_config_missing'],
    [
      'a NaN gain coefficient',
      badPid({ far: { kp: Number.NaN, ki: 0, kd: 0 } }),
      'biz_zone_pid_config_missing',
    ],
    [
      'no transport delay',
      { calibration: { transportDelaySec: Number.NaN, settleSec: 12 } },
      'biz_zone_correction_config_missing',
    ],
    ['no pump bound', { pumps: {} }, 'biz_zone_dosing_calibration_missing'],
    [
      'a pump calibrated at 25 ml/s',
      { pumps: { up: { ...EC_PUMP, mlPerSec: 25 } } },
      'biz_zone_dosing_calibration_missing',
    ],
    [
      'a pump calibrated at 0.005 ml/s',
      { pumps: { up: { ...EC_PUMP, mlPerSec: 0.005 } } },
      'biz_zone_dosing_calibration_missing',
    ],
    [
      'no process gain',
      { pumps: { up: { ...EC_PUMP, gainPerMl: null } } },
      'biz_zone_correction_config_missing',
    ],
    [
      'a zero process gain',
      { pumps: { up: { ...EC_PUMP, gainPerMl: 0 } } },
      'biz_zone_correction_config_missing',
    ],
  ])('config error: %s', (_name, over, alert) => {
    expect(decideDose(input('ec', over))).toMatchObject({
      kind: 'stop',
      code: 'config_invalid',
      alert,
      event: 'CORRECTION_PLANNER_CONFIG_INVALID',
    });
  });

  it('pH above target without an acid pump is a config error, not a base dose', () => {
    expect(decideDose(input('ph', { pumps: { up: BASE } }))).toMatchObject({
      kind: 'stop',
      code: 'config_invalid',
      reason: 'no pump bound for ph down',
    });
  });

  it('the catalog process calibration is a valid one', () => {
    const calibration = {
      transportDelaySec: PROCESS_CALIBRATION_DEFAULTS.transportDelaySec,
      settleSec: PROCESS_CALIBRATION_DEFAULTS.settleSec,
    };
    expect(decideDose(input('ec', { calibration })).kind).toBe('dose');
  });
});
