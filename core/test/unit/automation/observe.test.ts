import { describe, expect, it } from 'vitest';
import { OBSERVE_DEFAULTS } from '../../../src/automation/correction/config.js';
import { INITIAL_CONTROLLER_STATE } from '../../../src/automation/correction/dose-types.js';
import {
  afterDoseDone,
  evaluateObservation,
  holdAlso,
  mlFromDuration,
  type Expectation,
} from '../../../src/automation/correction/observe.js';
import { NO_LEARNING } from '../../../src/automation/correction/pid.js';

const DONE_AT = 1_736_935_200_000;
const CFG = { minSamples: 3, noEffectLimit: 4 };

/** The worked example's dose: 42.9 ml of calcium at 0.006 mS/cm per ml from EC 0.300. */
const done = afterDoseDone(
  { ...INITIAL_CONTROLLER_STATE, integral: 1.5 },
  {
    metric: 'ec',
    direction: 'up',
    at: DONE_AT,
    ml: 42.9,
    gainPerMl: 0.006,
    baseline: 0.3,
    calibration: { transportDelaySec: 4, settleSec: 12 },
    observe: OBSERVE_DEFAULTS,
  },
);

/** Samples every 2 s from the end of the hold. */
const after = (values: number[], quality: 'good' | 'uncertain' = 'good') =>
  values.map((value, i) => ({ ts: DONE_AT + 16_000 + i * 2_000, value, quality }));

describe('afterDoseDone (§4.8)', () => {
  it('holds transport + settle = 16 s and expects gain · ml', () => {
    expect(done.state).toMatchObject({
      integral: 1.5,
      lastDoseAt: DONE_AT,
      holdUntil: DONE_AT + 16_000,
      // Hold time is not integrated: the next PID step measures from the hold's end.
      lastMeasurementAt: DONE_AT + 16_000,
    });
    expect(done.expectation.expectedEffect).toBeCloseTo(0.2574, 12);
    expect(done.expectation.threshold).toBeCloseTo(0.03861, 12);
  });

  it('the other controller holds too, never shorter than its own hold', () => {
    expect(holdAlso(INITIAL_CONTROLLER_STATE, DONE_AT + 16_000).holdUntil).toBe(DONE_AT + 16_000);
    const longer = { ...INITIAL_CONTROLLER_STATE, holdUntil: DONE_AT + 30_000 };
    expect(holdAlso(longer, DONE_AT + 16_000).holdUntil).toBe(DONE_AT + 30_000);
  });

  it.each([
    [1, 30_000, 30],
    [0.37, 1_234, 0.45],
    [2.5, 50, 0.12],
  ])('a duration-limited ACK: %s ml/s for %s ms = %s ml', (mlPerSec, ms, ml) => {
    expect(mlFromDuration(mlPerSec, ms)).toBe(ml);
  });
});

describe('evaluateObservation', () => {
  const exp: Expectation = done.expectation;
  const state = { ...INITIAL_CONTROLLER_STATE, noEffectCount: 2, attempts: 3 };

  it('waits for 3 good samples after the dose', () => {
    const samples = [...after([0.5, 0.5]), ...after([0.6, 0.6, 0.6], 'uncertain')];
    expect(evaluateObservation(exp, samples, state, NO_LEARNING, CFG)).toEqual({
      outcome: 'not_ready',
      samples: 2,
    });
  });

  it('samples from before the dose do not count', () => {
    const before = [{ ts: DONE_AT - 1_000, value: 0.9, quality: 'good' as const }];
    expect(
      evaluateObservation(exp, [...before, ...after([0.3, 0.3])], state, NO_LEARNING, CFG),
    ).toMatchObject({ outcome: 'not_ready', samples: 2 });
  });

  it('an effect resets the counters and teaches the gain', () => {
    // Effects 0.05, 0.15, 0.20, 0.20: peak 0.20 ≥ 0.0386; tail 0.20.
    const r = evaluateObservation(exp, after([0.35, 0.45, 0.5, 0.5]), state, NO_LEARNING, CFG);
    expect(r.outcome).toBe('effect');
    if (r.outcome === 'not_ready') return;
    expect(r.event).toBe('CORRECTION_OBSERVATION_EVALUATED');
    expect(r.alert).toBeNull();
    expect(r.peak).toBeCloseTo(0.2, 12);
    expect(r.tail).toBeCloseTo(0.2, 12);
    expect(r.retention).toBeCloseTo(1, 12);
    expect(r.wave).toBe(0);
    expect(r.state).toMatchObject({ noEffectCount: 0, attempts: 0 });
    expect(r.learning.observations).toBe(1);
    expect(r.learning.learnedGain).toBeCloseTo(0.2 / 42.9, 12);
  });

  it('retention and wave of an overshooting response', () => {
    // Effects 0.1, 0.3, 0.2, 0.25, 0.2: peak 0.3; tail median(0.2, 0.25, 0.2) = 0.2;
    // fall-backs 0.1 + 0.05 = 0.15.
    const r = evaluateObservation(exp, after([0.4, 0.6, 0.5, 0.55, 0.5]), state, NO_LEARNING, CFG);
    if (r.outcome === 'not_ready') throw new Error('expected an evaluation');
    expect(r.retention).toBeCloseTo(2 / 3, 12);
    expect(r.wave).toBeCloseTo(0.5, 12);
  });

  it('the learned gain is an EMA with α 0.2', () => {
    const prior = { observations: 3, learnedGain: 0.006, retentionEma: 1, waveEma: 0 };
    // Tail 0.1716 over 42.9 ml = 0.004 per ml → 0.006 + 0.2 · (0.004 − 0.006) = 0.0056.
    const r = evaluateObservation(exp, after([0.4716, 0.4716, 0.4716]), state, prior, CFG);
    if (r.outcome === 'not_ready') throw new Error('expected an evaluation');
    expect(r.learning.learnedGain).toBeCloseTo(0.0056, 12);
    expect(r.learning.observations).toBe(4);
  });

  it('below the threshold counts one more no-effect and one more attempt, learns nothing', () => {
    // Effects 0.01, 0.02, 0.01: peak 0.02 < 0.0386.
    const r = evaluateObservation(exp, after([0.31, 0.32, 0.31]), state, NO_LEARNING, CFG);
    expect(r).toMatchObject({
      outcome: 'no_effect',
      alert: null,
      state: { noEffectCount: 3, attempts: 4 },
    });
    if (r.outcome !== 'not_ready') expect(r.learning).toEqual(NO_LEARNING);
  });

  it('the 4th consecutive no-effect raises biz_ec_correction_no_effect', () => {
    const third = { ...state, noEffectCount: 3 };
    expect(evaluateObservation(exp, after([0.3, 0.3, 0.3]), third, NO_LEARNING, CFG)).toMatchObject(
      {
        outcome: 'no_effect_limit',
        event: 'CORRECTION_NO_EFFECT',
        alert: 'biz_ec_correction_no_effect',
        state: { noEffectCount: 4 },
      },
    );
  });

  it('a reading moving the wrong way is no effect (pH down dose, pH rising)', () => {
    const phExp: Expectation = {
      ...exp,
      metric: 'ph',
      direction: 'down',
      baseline: 6.5,
      expectedEffect: 0.2,
      threshold: 0.03,
    };
    const r = evaluateObservation(phExp, after([6.52, 6.55, 6.6]), state, NO_LEARNING, CFG);
    expect(r).toMatchObject({ outcome: 'no_effect', state: { noEffectCount: 3 } });
    if (r.outcome !== 'not_ready') expect(r.peak).toBeCloseTo(-0.02, 12);
    const worked = evaluateObservation(phExp, after([6.45, 6.4, 6.4]), state, NO_LEARNING, CFG);
    expect(worked).toMatchObject({ outcome: 'effect', state: { noEffectCount: 0 } });
  });
});
