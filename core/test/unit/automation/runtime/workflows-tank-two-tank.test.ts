import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LevelRole } from '../../../../src/automation/runtime/zone-io.js';
import { correction } from './support/correction-script.js';
import { TankHarness } from './support/tank-harness.js';

vi.mock('../../../../src/automation/runtime/correction/runner.js', async () =>
  (await import('./support/correction-script.js')).correction.module(),
);

type Tank = { min: boolean | null; max: boolean | null };

function levels(h: TankHarness, clean: Tank, solution: Tank): void {
  const set = (role: LevelRole, v: boolean | null) => h.io.setLevel(role, v);
  set('level_clean_min', clean.min);
  set('level_clean_max', clean.max);
  set('level_solution_min', solution.min);
  set('level_solution_max', solution.max);
}

const EMPTY = { min: false, max: false };
const HALF = { min: true, max: false };
const FULL = { min: true, max: true };

/** A pH/EC window of the probes (one sample per 2 s up to now). */
function probes(h: TankHarness, ph: number, ec: number): void {
  h.io.addSamples('ph_sensor', [ph, ph, ph, ph, ph]);
  h.io.addSamples('ec_sensor', [ec, ec, ec, ec, ec]);
}

let h: TankHarness;

beforeEach(async () => {
  correction.reset();
  h = await TankHarness.create('two_tank');
});

afterEach(async () => {
  await h.close();
});

describe('two-tank cycle_start', () => {
  it('prepares empty tanks to ready: clean fill, solution fill, recirculation', async () => {
    levels(h, HALF, EMPTY);
    await h.start();
    let task = await h.runUntilStage('clean_fill_check');
    expect(await h.phase()).toBe('tank_filling');
    expect(task.stageDeadlineAt! - task.stageStartedAt).toBe(1_200_000);
    expect(h.sentRelays()).toEqual(['valve_clean_fill:on']);

    levels(h, FULL, EMPTY);
    await h.runUntilStage('solution_fill_check');
    expect(h.sentRelays().slice(1)).toEqual([
      'valve_clean_fill:off',
      'valve_clean_supply:on',
      'valve_solution_fill:on',
      'pump_main:on',
    ]);
    // The pump carries the stage guard for the node (stage timeout plus slack).
    expect(h.io.lastSent().step.params).toMatchObject({
      stage: 'solution_fill',
      timeout_ms: 1_830_000,
    });
    expect(correction.calls).toContain('solution_fill');

    levels(h, FULL, HALF);
    await h.runFor(20_000);
    levels(h, FULL, FULL);
    await h.runUntilStage('prepare_recirculation_check');
    expect(await h.phase()).toBe('tank_recirc');
    expect(h.sentRelays().slice(5)).toEqual([
      'pump_main:off',
      'valve_solution_fill:off',
      'valve_clean_supply:off',
      'valve_solution_supply:on',
      'valve_solution_fill:on',
      'pump_main:on',
    ]);
    const filled = (await h.events()).find((e) => e.type === 'SOLUTION_FILL_COMPLETED');
    expect(filled?.payload).toMatchObject({ ready: false });

    correction.next('tank_recirc', { kind: 'done' });
    task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(await h.phase()).toBe('ready');
    expect(h.sentRelays().slice(-3)).toEqual([
      'pump_main:off',
      'valve_solution_fill:off',
      'valve_solution_supply:off',
    ]);
    expect(await h.eventTypes()).toContain('PREPARE_RECIRCULATION_COMPLETED');
  });

  it('goes straight to ready when the filled solution already meets the ready band', async () => {
    levels(h, FULL, HALF);
    await h.start();
    await h.runUntilStage('solution_fill_check');
    await h.runFor(10_000);
    levels(h, FULL, FULL);
    probes(h, 5.9, 1.55);
    const task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(correction.calls).not.toContain('tank_recirc');
    expect(await h.phase()).toBe('ready');
  });

  it('retries a clean fill once after its timeout, then fails with the alert', async () => {
    levels(h, HALF, EMPTY);
    await h.start();
    await h.runUntilStage('clean_fill_check');
    let task = await h.runFor(1_201_000);
    expect(task).toMatchObject({ status: 'active', stage: 'clean_fill_check' });
    expect(await h.eventTypes()).toContain('CLEAN_FILL_RETRY');
    task = await h.runFor(1_201_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'clean_tank_not_filled_timeout' });
    expect(await h.alertCodes()).toEqual(
      expect.arrayContaining(['biz_clean_fill_timeout', 'biz_ae3_task_failed']),
    );
    // The fail-safe OFF batch went out (pump first) and the zone is idle again.
    expect(h.io.fired.at(-1)?.steps[0]).toMatchObject({
      role: 'pump_main',
      params: { state: false },
    });
    expect(await h.phase()).toBe('idle');
  });

  it('fails a solution fill whose clean tank runs dry after 5 s (source empty)', async () => {
    levels(h, FULL, HALF);
    await h.start();
    await h.runUntilStage('solution_fill_check');
    levels(h, { min: false, max: false }, HALF);
    let task = await h.runFor(3_000);
    expect(task.status).toBe('active');
    task = await h.runFor(5_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_fill_source_empty' });
    expect(await h.eventTypes()).toContain('SOLUTION_FILL_SOURCE_EMPTY');
  });

  it('fails a solution fill whose tank never reaches its minimum in 60 s (leak)', async () => {
    levels(h, FULL, EMPTY);
    await h.start();
    await h.runUntilStage('solution_fill_check');
    let task = await h.runFor(50_000);
    expect(task.status).toBe('active');
    task = await h.runFor(15_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_fill_leak_detected' });
  });

  it('fails the fill at its deadline with biz_solution_fill_timeout', async () => {
    levels(h, FULL, HALF);
    await h.start();
    await h.runUntilStage('solution_fill_check');
    const task = await h.runFor(1_801_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_tank_not_filled_timeout' });
    expect(await h.alertCodes()).toContain('biz_solution_fill_timeout');
  });

  it('stops recirculation on low water and prepares again from startup', async () => {
    levels(h, FULL, FULL);
    await h.start();
    await h.runUntilStage('prepare_recirculation_check');
    levels(h, FULL, EMPTY);
    let task = await h.runFor(3_000);
    expect(task.status).toBe('active');
    expect(await h.eventTypes()).toContain('CORRECTION_INTERRUPTED_SOLUTION_LOW');
    expect(h.sentRelays().slice(-3)).toEqual([
      'pump_main:off',
      'valve_solution_fill:off',
      'valve_solution_supply:off',
    ]);
    // Startup routes again: the clean tank is full, so the solution tank is filled anew.
    task = await h.runUntilStage('solution_fill_check');
    expect(task.status).toBe('active');
    expect((await h.events()).filter((e) => e.type === 'STARTUP_ROUTED')).toHaveLength(2);
  });

  it('restarts exhausted recirculation windows, then fails with the retry alert', async () => {
    levels(h, FULL, FULL);
    await h.start();
    await h.runUntilStage('prepare_recirculation_check');
    correction.next('tank_recirc', { kind: 'exhausted', code: 'correction_attempts_exhausted' });
    await h.runFor(10_000);
    expect(await h.task()).toMatchObject({ status: 'active' });
    // The next windows time out.
    const task = await h.runFor(3 * 950_000);
    expect(task).toMatchObject({
      status: 'failed',
      outcome: 'prepare_recirculation_attempt_limit_reached',
    });
    const windows = (await h.events()).filter(
      (e) => e.type === 'PREPARE_RECIRCULATION_WINDOW_EXHAUSTED',
    );
    expect(windows.map((e) => e.payload.window)).toEqual([1, 2, 3, 4]);
    expect(await h.alertCodes()).toContain('biz_prepare_recirculation_retry_exhausted');
  });

  it('fails closed on a stale level switch after one re-check', async () => {
    levels(h, { min: true, max: null }, EMPTY);
    await h.start();
    const task = await h.runFor(5_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'two_tank_clean_max_level_stale' });
    expect(await h.eventTypes()).toContain('TELEMETRY_STALE');
    expect(h.io.sent).toHaveLength(0);
  });

  it('fails on a tank reading full above an empty minimum switch', async () => {
    levels(h, { min: false, max: true }, EMPTY);
    await h.start();
    const task = await h.runFor(5_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'sensor_state_inconsistent' });
  });

  it('stops the flow when the operator presses stop, in auto too', async () => {
    levels(h, HALF, EMPTY);
    await h.start();
    await h.runUntilStage('clean_fill_check');
    await h.operatorStep('clean_fill_stop');
    const task = await h.runFor(5_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'stopped_by_operator' });
    expect(h.sentRelays().at(-1)).toBe('valve_clean_fill:off');
    expect(await h.phase()).toBe('idle');
  });
});
