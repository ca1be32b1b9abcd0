import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { correction } from './support/correction-script.js';
import { TankHarness } from './support/tank-harness.js';

vi.mock('../../../../src/automation/runtime/correction/runner.js', async () =>
  (await import('./support/correction-script.js')).correction.module(),
);

function reservoir(h: TankHarness, min: boolean | null, max: boolean | null): void {
  h.io.setLevel('level_solution_min', min);
  h.io.setLevel('level_solution_max', max);
}

/** The probes report every 2 s while the engine runs, for `ms`. */
async function feed(h: TankHarness, ph: number, ec: number, ms: number) {
  let task = await h.task();
  for (let t = 0; t < ms && task.status === 'active'; t += 2_000) {
    h.io.addSamples('ph_sensor', [ph]);
    h.io.addSamples('ec_sensor', [ec]);
    task = await h.runFor(2_000);
  }
  return task;
}

let h: TankHarness;

beforeEach(async () => {
  correction.reset();
  h = await TankHarness.create('single_tank');
});

afterEach(async () => {
  await h.close();
});

describe('single-tank cycle_start', () => {
  it('fills the reservoir from mains, mixes with a water baseline, and ends ready', async () => {
    reservoir(h, false, false);
    await h.start();
    await h.runUntilStage('fill_check');
    expect(h.sentRelays()).toEqual(['valve_clean_fill:on']);
    expect(await h.phase()).toBe('tank_filling');

    reservoir(h, true, false);
    await h.runFor(60_000);
    reservoir(h, true, true);
    await h.runUntilStage('mix_check');
    expect(await h.phase()).toBe('tank_recirc');
    // Fill valve closed, then the pump (with its stage guard) and the probes switched on.
    expect(h.sentRelays().slice(1)).toEqual([
      'valve_clean_fill:off',
      'pump_main:on',
      'ph_sensor:activate_sensor_mode',
    ]);
    expect(h.io.sent[2]!.step.params).toMatchObject({ stage: 'prepare_recirculation' });

    // The baseline waits for the probes to settle and for a usable window.
    await h.runFor(4_000);
    expect(correction.calls).toHaveLength(0);
    correction.next('tank_recirc', { kind: 'done' });
    const task = await feed(h, 7.1, 0.42, 90_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(await h.f.storage.zoneRuntime.get(h.zone.id)).toMatchObject({
      water_ec: 0.42,
      water_ph: 7.1,
    });
    expect(await h.eventTypes()).toContain('WATER_BASELINE_CAPTURED');
    expect(h.sentRelays().at(-1)).toBe('pump_main:off');
    expect(await h.phase()).toBe('ready');
  });

  it('goes straight to mixing with a full reservoir and a known baseline', async () => {
    await h.f.storage.zoneRuntime.merge(h.zone.id, { water_ec: 0.4 }, h.clock.now());
    reservoir(h, true, true);
    await h.start();
    await h.runUntilStage('mix_check');
    await h.runFor(2_000);
    expect(correction.calls).toContain('tank_recirc');
    expect(await h.eventTypes()).not.toContain('WATER_BASELINE_CAPTURED');
  });

  it('fails a fill that never reaches the minimum switch (no inflow)', async () => {
    reservoir(h, false, false);
    await h.start();
    await h.runUntilStage('fill_check');
    const task = await h.runFor(610_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'single_tank_fill_no_inflow' });
    expect(h.io.fired.at(-1)?.steps.map((s) => s.role)).toContain('valve_clean_fill');
  });

  it('fails a fill whose level falls back below the minimum (leak)', async () => {
    reservoir(h, true, false);
    await h.start();
    await h.runUntilStage('fill_check');
    await h.runFor(5_000);
    reservoir(h, false, false);
    const task = await h.runFor(5_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'single_tank_fill_leak_detected' });
  });

  it('goes back to startup when the reservoir runs low while mixing', async () => {
    await h.f.storage.zoneRuntime.merge(h.zone.id, { water_ec: 0.4 }, h.clock.now());
    reservoir(h, true, true);
    await h.start();
    await h.runUntilStage('mix_check');
    reservoir(h, false, false);
    const task = await h.runUntilStage('fill_check');
    expect(task.status).toBe('active');
    expect(await h.eventTypes()).toContain('CORRECTION_INTERRUPTED_SOLUTION_LOW');
  });

  it('fails closed on a stale reservoir switch', async () => {
    reservoir(h, true, null);
    await h.start();
    const task = await h.runFor(5_000);
    expect(task).toMatchObject({
      status: 'failed',
      outcome: 'single_tank_solution_max_level_stale',
    });
  });
});
