import { describe, expect, it } from 'vitest';
import { resetCorrection } from '../../../../src/automation/runtime/correction/runner.js';
import { CorrectionHarness } from './support/correction-harness.js';

const retryAt = (h: CorrectionHarness) => (h.state.corr as { retryAt: number | null }).retryAt;

/** A recirculating tank at the start of the pipeline (water baseline 0.30 mS/cm from the fill). */
function recirc(ec: number, ph = 5.8): CorrectionHarness {
  const h = new CorrectionHarness();
  h.memory = { water_ec: 0.3, water_ph: 6.9 };
  h.ec = ec;
  h.ph = ph;
  return h;
}

describe('correction runner: activation and the dose (§4.3, §4.6)', () => {
  it('activates the probes, waits for them, then doses 42.9 ml of calcium (the worked example)', async () => {
    const h = recirc(0.3);
    await h.until('tank_recirc', () => h.doses().length === 1);
    expect(h.commands.slice(0, 2)).toEqual([
      {
        role: 'ph_sensor',
        channel: 'system',
        cmd: 'activate_sensor_mode',
        params: { stabilization_time_sec: 8 },
      },
      {
        role: 'ec_sensor',
        channel: 'system',
        cmd: 'activate_sensor_mode',
        params: { stabilization_time_sec: 8 },
      },
    ]);
    expect(h.doses()).toEqual([{ role: 'pump_b', cmd: 'dose', params: { ml: 42.9 } }]);
    // Nothing is settled before the dose command is DONE (the next tick).
    expect(h.eventsOf('EC_DOSING')).toEqual([]);
    h.advance(250);
    await h.tick('tank_recirc');
    const [dosed] = h.eventsOf('EC_DOSING');
    expect(dosed).toMatchObject({ pump: 'pump_b', effective_ml: 42.9, current: 0.3 });
    expect(dosed!.requested_ml).toBeCloseTo(42.9, 1);
    expect(dosed!.target).toBeCloseTo(0.768, 3);
    const ctl = h.state.corrCtl as { ec: { lastDoseAt: number; holdUntil: number } };
    expect(ctl.ec.lastDoseAt).toBe(h.clock.now());
    expect(ctl.ec.holdUntil).toBe(h.clock.now() + 16_000);
  });

  it('recomputes the delivered ml when the node limited the run', async () => {
    const h = recirc(0.3);
    h.doseLimitMs = 20_000;
    await h.until('tank_recirc', () => h.eventsOf('EC_DOSING').length === 1);
    expect(h.eventsOf('EC_DOSING')[0]).toMatchObject({ planned_ml: 42.9, effective_ml: 20 });
  });

  it('never doses from a stale window: CORRECTION_SKIPPED_FRESHNESS, retry in 30 s', async () => {
    const h = recirc(0.3);
    h.quiet = true;
    h.advance(20_000);
    await h.until('tank_recirc', () => h.types().includes('CORRECTION_SKIPPED_FRESHNESS'));
    const skippedAt = h.clock.now();
    expect(h.eventsOf('CORRECTION_SKIPPED_FRESHNESS')[0]).toMatchObject({
      metric: 'ec',
      reason: 'stale',
    });
    expect(retryAt(h)).toBe(skippedAt + 30_000);
    // Stepped every 2 s meanwhile (the stage's guards keep their pace), quietly.
    await h.until('tank_recirc', () => h.clock.now() >= skippedAt + 28_000);
    expect(h.eventsOf('CORRECTION_SKIPPED_FRESHNESS')).toHaveLength(1);
    await h.until('tank_recirc', () => h.eventsOf('CORRECTION_SKIPPED_FRESHNESS').length === 2);
    expect(h.clock.now()).toBeGreaterThanOrEqual(skippedAt + 30_000);
    expect(h.doses()).toEqual([]);
  });

  it('does not dose from out-of-bounds samples', async () => {
    const h = recirc(25);
    const outcome = await h.until('tank_recirc', () =>
      h.types().includes('CORRECTION_SKIPPED_WINDOW_NOT_READY'),
    );
    expect(outcome.kind).toBe('continue');
    expect(h.eventsOf('CORRECTION_SKIPPED_WINDOW_NOT_READY')[0]).toMatchObject({
      reason: 'out_of_bounds',
    });
    expect(h.doses()).toEqual([]);
  });

  it('keeps every wait inside the stage deadline', async () => {
    const h = recirc(0.3);
    h.quiet = true;
    h.deadlineAt = h.clock.now() + 12_000;
    h.advance(11_000);
    await h.tick('tank_recirc');
    const outcome = await h.tick('tank_recirc');
    expect(outcome.kind === 'continue' && outcome.result).toEqual({ kind: 'wait', delayMs: 1_000 });
  });
});

describe('correction runner: failing closed', () => {
  it('fails without a phase pH target, with the critical config alert', async () => {
    const h = recirc(0.3);
    h.targets = { ...h.targets, ph: null };
    const outcome = await h.run('irrigation');
    expect(outcome).toMatchObject({
      kind: 'fail',
      code: 'zone_recipe_phase_targets_missing',
      alert: { code: 'biz_zone_recipe_phase_targets_missing', severity: 'critical' },
    });
  });

  it('fails when the calcium pump has no calibration', async () => {
    const h = recirc(0.3);
    h.io.setPumpRate('pump_b', null);
    const outcome = await h.run('tank_recirc');
    expect(outcome).toMatchObject({
      kind: 'fail',
      code: 'zone_dosing_calibration_missing',
      alert: { code: 'biz_zone_dosing_calibration_missing', severity: 'critical' },
    });
    expect(h.doses()).toEqual([]);
  });

  it('fails when the water is already above the EC target (no budget)', async () => {
    const h = recirc(1.7);
    h.memory = { water_ec: 1.7 };
    expect(await h.run('tank_recirc')).toMatchObject({
      kind: 'fail',
      code: 'correction_ec_budget_not_positive',
    });
  });

  it('stops recirculation and irrigation on low water, waits in the fill', async () => {
    const h = recirc(0.3);
    h.io.setLevel('level_solution_min', false);
    expect(await h.run('tank_recirc')).toEqual({ kind: 'low_water' });
    const fill = new CorrectionHarness();
    fill.io.setLevel('level_solution_min', false);
    const outcome = await fill.until('solution_fill', () =>
      fill.types().includes('CORRECTION_SKIPPED_WATER_LEVEL'),
    );
    expect(outcome.kind).toBe('continue');
    expect(retryAt(fill)).toBe(fill.clock.now() + 60_000);
    expect(fill.doses()).toEqual([]);
  });

  it('stops after four doses without effect: exhausted, no-effect alert scoped to pH', async () => {
    const h = recirc(1.6, 6.6);
    h.dead.add('pump_acid');
    const outcome = await h.run('irrigation');
    expect(outcome).toMatchObject({
      kind: 'exhausted',
      code: 'ph_correction_no_effect',
      alert: { code: 'biz_ph_correction_no_effect', severity: 'error', details: { scope: 'ph' } },
    });
    expect(h.doses().map((d) => d.role)).toEqual([
      'pump_acid',
      'pump_acid',
      'pump_acid',
      'pump_acid',
    ]);
    expect(h.eventsOf('CORRECTION_OBSERVATION_EVALUATED').map((e) => e.outcome)).toEqual([
      'no_effect',
      'no_effect',
      'no_effect',
      'no_effect_limit',
    ]);
    expect(h.types()).toContain('CORRECTION_NO_EFFECT');
    // A new window of the same task does not dose into the empty bottle again.
    resetCorrection(h.state);
    expect(await h.run('irrigation')).toMatchObject({
      kind: 'exhausted',
      code: 'ph_correction_no_effect',
    });
    expect(h.doses()).toHaveLength(4);
  });
});
