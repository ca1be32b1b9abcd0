import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LevelRole } from '../../../../src/automation/runtime/zone-io.js';
import { correction } from './support/correction-script.js';
import { TankHarness } from './support/tank-harness.js';

vi.mock('../../../../src/automation/runtime/correction/runner.js', async () =>
  (await import('./support/correction-script.js')).correction.module(),
);

type Solution = 'empty' | 'half' | 'full';

function levels(h: TankHarness, cleanMin: boolean, solution: Solution): void {
  const set = (role: LevelRole, v: boolean) => h.io.setLevel(role, v);
  set('level_clean_min', cleanMin);
  set('level_clean_max', cleanMin);
  set('level_solution_min', solution !== 'empty');
  set('level_solution_max', solution === 'full');
}

let h: TankHarness;

beforeEach(async () => {
  correction.reset();
  h = await TankHarness.create('two_tank');
  await h.setPhase('ready');
});

afterEach(async () => {
  await h.close();
});

describe('solution_topup', () => {
  it('tops a half-empty solution tank up to full and stays ready', async () => {
    levels(h, true, 'half');
    await h.start('solution_topup');
    await h.runUntilStage('solution_topup_check');
    expect(h.sentRelays()).toEqual([
      'valve_clean_supply:on',
      'valve_solution_fill:on',
      'pump_main:on',
    ]);
    levels(h, true, 'full');
    const task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'completed' });
    expect(h.sentRelays().slice(3)).toEqual([
      'pump_main:off',
      'valve_solution_fill:off',
      'valve_clean_supply:off',
    ]);
    expect(await h.phase()).toBe('ready');
    expect(await h.eventTypes()).toEqual(
      expect.arrayContaining(['SOLUTION_TOPUP_STARTED', 'SOLUTION_TOPUP_DONE']),
    );
    expect(correction.calls).toHaveLength(0);

    // A second top-up within the cooldown is skipped; `force` bypasses the cooldown only.
    levels(h, true, 'half');
    await h.start('solution_topup');
    expect(await h.runFor(1_000)).toMatchObject({ outcome: 'skipped_cooldown' });
    await h.start('solution_topup', { mode: 'force' });
    expect(await h.runFor(1_000)).toMatchObject({ stage: 'solution_topup_start' });
  });

  it.each([
    ['full', true, 'skipped_full'],
    ['empty', true, 'skipped_depleted'],
  ] as const)('skips when the solution tank is %s', async (solution, cleanMin, outcome) => {
    levels(h, cleanMin, solution);
    await h.start('solution_topup');
    expect(await h.runFor(1_000)).toMatchObject({ status: 'completed', outcome });
    expect(h.io.sent).toHaveLength(0);
  });

  it('skips outside ready', async () => {
    await h.setPhase('idle');
    levels(h, true, 'half');
    await h.start('solution_topup');
    expect(await h.runFor(1_000)).toMatchObject({ outcome: 'skipped_not_ready' });
  });

  it('fails with the source-empty alert when the clean tank runs dry', async () => {
    levels(h, true, 'half');
    await h.start('solution_topup');
    await h.runUntilStage('solution_topup_check');
    levels(h, false, 'half');
    const task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_topup_source_empty' });
    expect(await h.alertCodes()).toContain('biz_solution_topup_source_empty');
    expect(await h.phase()).toBe('idle');
  });

  it('fails with the leak alert when the solution tank loses its minimum', async () => {
    levels(h, true, 'half');
    await h.start('solution_topup');
    await h.runUntilStage('solution_topup_check');
    levels(h, true, 'empty');
    let task = await h.runFor(30_000);
    expect(task.status).toBe('active');
    task = await h.runFor(40_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_topup_leak_detected' });
    expect(await h.alertCodes()).toContain('biz_solution_topup_leak');
  });

  it('fails at its timeout with the warning alert', async () => {
    levels(h, true, 'half');
    await h.start('solution_topup');
    await h.runUntilStage('solution_topup_check');
    const task = await h.runFor(901_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_topup_timeout' });
    expect(await h.alertCodes()).toContain('biz_solution_topup_timeout');
  });
});

describe('solution_change', () => {
  it('drains and prepares a new tank through both operator gates', async () => {
    levels(h, true, 'full');
    await h.start('solution_change');
    let task = await h.runFor(60_000);
    expect(task.stage).toBe('await_operator_drain_confirm');
    // Everything off before the gate; nothing moves until the operator confirms.
    expect(h.sentRelays().every((s) => s.endsWith(':off'))).toBe(true);
    const offs = h.io.sent.length;
    await h.operatorStep('solution_drain_confirm');
    await h.runUntilStage('solution_drain_check');
    expect(h.sentRelays().slice(offs)).toEqual(['valve_drain:on']);

    levels(h, true, 'empty');
    await h.runUntilStage('solution_fill_check');
    expect(h.sentRelays()).toContain('valve_drain:off');
    levels(h, true, 'half');
    await h.runFor(20_000);
    levels(h, true, 'full');
    await h.runUntilStage('await_operator_refill_confirm');
    expect(correction.calls).toContain('solution_fill');
    await h.runFor(300_000);
    expect((await h.task()).stage).toBe('await_operator_refill_confirm');

    await h.operatorStep('solution_refill_confirm');
    await h.runUntilStage('prepare_recirculation_check');
    correction.next('tank_recirc', { kind: 'done' });
    task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(await h.phase()).toBe('ready');
    const gates = (await h.events()).filter((e) => e.type === 'SOLUTION_CHANGE_GATE_PASSED');
    expect(gates.map((e) => e.payload.gate)).toEqual(['G1', 'G2']);
    expect(await h.eventTypes()).toContain('SOLUTION_CHANGE_COMPLETED');
  });

  it('fails when the operator does not confirm within the hour', async () => {
    levels(h, true, 'full');
    await h.start('solution_change');
    const task = await h.runFor(3_700_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_change_operator_timeout' });
  });

  it('aborts from a gate and from the drain, leaving the zone idle', async () => {
    levels(h, true, 'full');
    await h.start('solution_change');
    await h.runUntilStage('await_operator_drain_confirm');
    await h.operatorStep('solution_drain_confirm');
    await h.runUntilStage('solution_drain_check');
    await h.operatorStep('solution_change_abort');
    const task = await h.runFor(10_000);
    expect(task).toMatchObject({ status: 'completed', outcome: 'aborted' });
    expect(h.sentRelays().at(-1)).toBe('valve_drain:off');
    expect(await h.phase()).toBe('idle');
  });

  it('refuses to start outside ready', async () => {
    await h.setPhase('idle');
    levels(h, true, 'full');
    await h.start('solution_change');
    const task = await h.runFor(1_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'solution_change_requires_ready' });
  });
});
