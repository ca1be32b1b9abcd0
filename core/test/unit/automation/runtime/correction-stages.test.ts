import { describe, expect, it } from 'vitest';
import { controllersOf } from '../../../../src/automation/runtime/correction/corr-state.js';
import { resetCorrection } from '../../../../src/automation/runtime/correction/runner.js';
import { CorrectionHarness } from './support/correction-harness.js';

/** A recirculating tank at the start of the pipeline (water baseline 0.30 mS/cm from the fill). */
function recirc(ec: number, ph = 5.8): CorrectionHarness {
  const h = new CorrectionHarness();
  h.memory = { water_ec: 0.3, water_ph: 6.9 };
  h.ec = ec;
  h.ph = ph;
  return h;
}

const EC_PUMPS = new Set(['pump_a', 'pump_b', 'pump_c', 'pump_d']);

/** Consecutive pumps dosed, repeats folded: [b, b, acid, c] → [b, acid, c]. */
function order(h: CorrectionHarness): string[] {
  return h
    .doses()
    .reduce<string[]>((out, d) => (out.at(-1) === d.role ? out : [...out, d.role]), []);
}

describe('recirculation pipeline (§4.2, §4.7)', () => {
  it('walks Ca → pH → Mg → pH → NPK → pH → Micro → pH to done, EC inside the band', async () => {
    const h = recirc(0.3);
    const outcome = await h.run('tank_recirc', 2_000);
    expect(outcome).toEqual({ kind: 'done' });
    expect(h.eventsOf('PIPELINE_STEP_CHANGED').map((e) => e.to)).toEqual([
      'recirc_ph_after_ca',
      'recirc_mg',
      'recirc_ph_after_mg',
      'recirc_npk',
      'recirc_ph_after_npk',
      'recirc_micro',
      'recirc_ph_final',
      'done',
    ]);
    // Micro (3 % of the budget) usually starts inside its ±10 % band already: dosed only if not.
    expect(order(h).slice(0, 3)).toEqual(['pump_b', 'pump_c', 'pump_a']);
    expect(
      order(h)
        .slice(3)
        .every((pump) => pump === 'pump_d'),
    ).toBe(true);
    expect(h.eventsOf('PID_EC_RESET').map((e) => e.to)).toEqual(['magnesium', 'npk', 'micro']);
    expect(h.ec).toBeGreaterThanOrEqual(1.6 * 0.9);
    expect(h.ec).toBeLessThanOrEqual(1.6 * 1.1);
    // No pulse above its caps (80 ml, gap / gain).
    for (const dose of h.doses()) expect(dose.params.ml as number).toBeLessThanOrEqual(80);
  });

  it('corrects pH after the calcium step before magnesium is dosed', async () => {
    const h = recirc(0.3, 6.6);
    await h.until('tank_recirc', () => h.doses().some((d) => d.role === 'pump_c'), 1_000);
    expect(order(h)).toEqual(['pump_b', 'pump_acid', 'pump_c']);
    // Every dose is followed by its hold and observation before the next one.
    const dosing = h.types().filter((t) => t === 'EC_DOSING' || t === 'PH_CORRECTED').length;
    expect(h.eventsOf('CORRECTION_OBSERVATION_EVALUATED').length).toBeGreaterThanOrEqual(
      dosing - 1,
    );
  });

  it('keeps the pipeline position across correction windows', async () => {
    const h = recirc(0.3);
    await h.until('tank_recirc', () => h.eventsOf('PIPELINE_STEP_CHANGED').length === 2, 1_000);
    resetCorrection(h.state);
    await h.until('tank_recirc', () => h.doses().some((d) => d.role === 'pump_c'), 1_000);
    expect(h.types()).not.toContain('RECIRC_DILUTE_STARTED');
    expect((h.state.corrCtl as { pipe: number }).pipe).toBe(2);
  });

  it('dilutes an EC overshoot: valve_clean_supply on, pulse, off, settle, then moves on', async () => {
    const h = recirc(0.95);
    await h.until('tank_recirc', () => h.types().includes('PIPELINE_STEP_CHANGED'), 200);
    const valve = h.commands.filter((c) => c.role === 'valve_clean_supply');
    expect(valve).toEqual([
      { role: 'valve_clean_supply', cmd: 'set_relay', params: { state: true } },
      { role: 'valve_clean_supply', cmd: 'set_relay', params: { state: false } },
    ]);
    const started = h.events.findIndex((e) => e.type === 'RECIRC_DILUTE_STARTED');
    const completed = h.events.findIndex((e) => e.type === 'RECIRC_DILUTE_COMPLETED');
    expect(started).toBeGreaterThanOrEqual(0);
    expect(completed).toBeGreaterThan(started);
    expect(h.doses()).toEqual([]);
  });

  it('never dilutes into a full solution tank', async () => {
    const h = recirc(0.95);
    h.io.setLevel('level_solution_max', true);
    const outcome = await h.run('tank_recirc');
    expect(outcome).toEqual({ kind: 'exhausted', code: 'recirc_dilute_blocked_solution_max' });
    expect(h.commands.filter((c) => c.role === 'valve_clean_supply')).toEqual([]);
  });
});

describe('stage permissions (§4.1)', () => {
  it('irrigation corrects pH only, whatever EC reads', async () => {
    const h = recirc(0.3, 6.4);
    h.memory = {};
    const outcome = await h.run('irrigation');
    expect(outcome).toEqual({ kind: 'done' });
    expect(h.doses().length).toBeGreaterThan(0);
    expect(h.doses().every((d) => d.role === 'pump_acid')).toBe(true);
    expect(h.ph).toBeLessThanOrEqual(5.8 * 1.05);
  });

  it('the fill captures the water baseline and doses calcium only, never pH', async () => {
    const h = new CorrectionHarness();
    h.ec = 0.3;
    h.ph = 6.9;
    const outcome = await h.run('solution_fill');
    expect(outcome).toEqual({ kind: 'done' });
    expect(h.memory).toMatchObject({ water_ec: 0.3, water_ph: 6.9 });
    expect(h.types()).toContain('WATER_BASELINE_CAPTURED');
    expect(h.doses().length).toBeGreaterThan(0);
    expect(h.doses().every((d) => d.role === 'pump_b')).toBe(true);
    expect(h.ec).toBeGreaterThanOrEqual(0.768 * 0.9);
    expect(h.commands.some((c) => EC_PUMPS.has(c.role) && c.role !== 'pump_b')).toBe(false);
  });

  it('a fill starts the recirculation pipeline over at calcium', async () => {
    const h = new CorrectionHarness();
    h.ec = 0.3;
    controllersOf(h.state).pipe = 5;
    await h.run('solution_fill');
    expect((h.state.corrCtl as { pipe: number }).pipe).toBe(0);
  });
});
