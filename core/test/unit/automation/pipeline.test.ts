import { describe, expect, it } from 'vitest';
import { EC_PUMPS } from '../../../src/automation/correction/config.js';
import {
  RECIRC_PIPELINE,
  STAGE_PERMISSIONS,
  ecStepTargets,
  inTolerance,
  nextCorrection,
  workflowReady,
} from '../../../src/automation/correction/pipeline.js';

const RATIOS = { calcium: 36, magnesium: 17, npk: 44, micro: 3 };

describe('ecStepTargets (§4.2)', () => {
  it('the reference example: target 1.6, water 0.30, Ca 36 / Mg 17 / NPK 44 / Micro 3', () => {
    const t = ecStepTargets(1.6, 0.3, RATIOS);
    expect(t).not.toBeNull();
    expect(t?.budget).toBeCloseTo(1.3, 12);
    expect(t?.ca).toBeCloseTo(0.768, 12);
    expect(t?.caMg).toBeCloseTo(0.989, 12);
    expect(t?.caMgNpk).toBeCloseTo(1.561, 12);
    expect(t?.full).toBe(1.6);
  });

  it('a day/night flip recomputes the targets from the same water baseline (§11 edge case)', () => {
    // Night EC 1.4: budget 1.1; T_ca = 0.3 + 1.1 · 0.36.
    const night = ecStepTargets(1.4, 0.3, RATIOS);
    expect(night?.ca).toBeCloseTo(0.696, 12);
    expect(night?.caMg).toBeCloseTo(0.883, 12);
    expect(night?.full).toBe(1.4);
  });

  it('ratios that do not sum to 100 are normalised', () => {
    const t = ecStepTargets(1.3, 0.3, { calcium: 1, magnesium: 1, npk: 2, micro: 0 });
    expect(t?.ca).toBeCloseTo(0.55, 12);
    expect(t?.caMg).toBeCloseTo(0.8, 12);
    expect(t?.caMgNpk).toBeCloseTo(1.3, 12);
  });

  it.each([
    ['water at the target', 1.6, 1.6, RATIOS],
    ['water above the target', 1.6, 1.8, RATIOS],
    ['no positive ratio', 1.6, 0.3, { calcium: 0, magnesium: 0, npk: -5, micro: 0 }],
  ])('%s fails closed', (_name, target, water, ratios) => {
    expect(ecStepTargets(target, water, ratios)).toBeNull();
  });

  it('the pipeline interleaves each component with a pH gate and ends on pH', () => {
    expect(RECIRC_PIPELINE.map((s) => s.name)).toEqual([
      'recirc_ca',
      'recirc_ph_after_ca',
      'recirc_mg',
      'recirc_ph_after_mg',
      'recirc_npk',
      'recirc_ph_after_npk',
      'recirc_micro',
      'recirc_ph_final',
    ]);
    const ecSteps = RECIRC_PIPELINE.filter((s) => s.metric === 'ec');
    expect(ecSteps.map((s) => s.component && EC_PUMPS[s.component])).toEqual([
      'pump_b',
      'pump_c',
      'pump_a',
      'pump_d',
    ]);
  });
});

describe('success and ready bands (§4.5)', () => {
  it.each([
    [0.6912, true],
    [0.8448, true],
    [0.69, false],
    [0.846, false],
  ])('EC %s against 0.768 ± 10 %%', (value, inside) => {
    expect(inTolerance(value, 0.768, 10)).toBe(inside);
  });

  it('pH 5 % around 5.8 is 5.51–6.09', () => {
    expect(inTolerance(5.52, 5.8, 5)).toBe(true);
    expect(inTolerance(6.1, 5.8, 5)).toBe(false);
  });

  it('explicit recipe min/max are the ready band; the tolerance band otherwise', () => {
    expect(workflowReady(6.05, 5.8, 5, { min: 5.6, max: 6.0 })).toBe(false);
    expect(workflowReady(6.05, 5.8, 5, { min: null, max: null })).toBe(true);
  });
});

describe('nextCorrection (§4.1, §4.7)', () => {
  it.each([
    // [stage, ecNeeded, phNeeded, lastDosed, next]
    ['tank_recirc', true, true, null, 'ec'],
    ['tank_recirc', true, true, 'ec', 'ph'],
    ['tank_recirc', true, true, 'ph', 'ec'],
    ['tank_recirc', false, true, null, 'ph'],
    ['tank_recirc', true, false, 'ec', 'ec'],
    ['tank_recirc', false, false, 'ec', null],
    ['solution_fill', true, true, 'ec', 'ec'],
    ['solution_fill', false, true, null, null],
    ['irrigation', true, false, null, null],
    ['irrigation', true, true, null, 'ph'],
  ] as const)('%s ec=%s ph=%s after %s → %s', (stage, ecNeeded, phNeeded, lastDosed, next) => {
    expect(nextCorrection({ stage, ecNeeded, phNeeded, lastDosed })).toBe(next);
  });

  it('permissions per stage', () => {
    expect(STAGE_PERMISSIONS).toEqual({
      solution_fill: { ec: true, ph: false },
      tank_recirc: { ec: true, ph: true },
      irrigation: { ec: false, ph: true },
    });
  });
});
