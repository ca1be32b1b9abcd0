import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LevelRole } from '../../../../src/automation/runtime/zone-io.js';
import type { ControlMode } from '../../../../src/contracts/zones.js';
import { correction } from './support/correction-script.js';
import { TankHarness } from './support/tank-harness.js';

vi.mock('../../../../src/automation/runtime/correction/runner.js', async () =>
  (await import('./support/correction-script.js')).correction.module(),
);

function levels(h: TankHarness, cleanFull: boolean, solution: 'empty' | 'half' | 'full'): void {
  const set = (role: LevelRole, v: boolean) => h.io.setLevel(role, v);
  set('level_clean_min', true);
  set('level_clean_max', cleanFull);
  set('level_solution_min', solution !== 'empty');
  set('level_solution_max', solution === 'full');
}

let h: TankHarness;

async function harness(mode: ControlMode): Promise<TankHarness> {
  h = await TankHarness.create('two_tank', mode);
  return h;
}

beforeEach(() => correction.reset());
afterEach(async () => {
  await h.close();
});

describe('two-tank cycle_start under semi and manual', () => {
  it('waits in startup for an operator step, and fails after an hour without one', async () => {
    await harness('manual');
    levels(h, false, 'empty');
    await h.start();
    let task = await h.runFor(600_000);
    expect(task).toMatchObject({ status: 'active', stage: 'startup' });
    expect(h.io.sent).toHaveLength(0);
    task = await h.runFor(3_000_000 + 5_000);
    expect(task).toMatchObject({ status: 'failed', outcome: 'startup_manual_hold_timeout' });
  });

  it('runs the flow the operator started, and parks the next flow stage until released', async () => {
    await harness('manual');
    levels(h, false, 'empty');
    await h.start();
    await h.runFor(5_000);
    await h.operatorStep('clean_fill_start');
    let task = await h.runFor(10_000);
    expect(task.stage).toBe('clean_fill_check');
    expect(h.sentRelays()).toEqual(['valve_clean_fill:on']);

    levels(h, true, 'half');
    task = await h.runUntilStage('manual_hold');
    // The solution fill was opened automatically after the clean fill: manual parks it.
    expect(task.state.held).toBe('solution_fill_check');
    expect(h.sentRelays().slice(-3)).toEqual([
      'pump_main:off',
      'valve_solution_fill:off',
      'valve_clean_supply:off',
    ]);
    expect(await h.eventTypes()).toContain('CONTROL_MODE_FLOW_STOPPED');

    await h.operatorStep('solution_fill_start');
    task = await h.runFor(30_000);
    expect(task).toMatchObject({ status: 'active', stage: 'solution_fill_check' });
    expect(h.sentRelays().at(-1)).toBe('pump_main:on');
  });

  it('follows solution_fill_start only with a full clean tank, and force only in manual', async () => {
    await harness('semi');
    levels(h, false, 'empty');
    await h.start();
    await h.operatorStep('solution_fill_start');
    await h.operatorStep('force_solution_fill_start');
    let task = await h.runFor(5_000);
    expect(task.stage).toBe('startup');
    const ignored = (await h.events()).filter((e) => e.type === 'OPERATOR_STEP_IGNORED');
    expect(ignored.map((e) => e.payload.reason)).toEqual(
      expect.arrayContaining(['clean_tank_not_full']),
    );
    await h.setMode('manual');
    await h.operatorStep('force_solution_fill_start');
    task = await h.runFor(30_000);
    expect(task.stage).toBe('solution_fill_check');
  });

  it('re-probes the hardware after manual → auto before routing', async () => {
    await harness('auto');
    await h.f.storage.zoneRuntime.merge(h.zone.id, { reconcile_pending: true }, h.clock.now());
    levels(h, true, 'empty');
    await h.start();
    const task = await h.runUntilStage('solution_fill_check');
    expect(task.status).toBe('active');
    const offs = h.sentRelays().slice(0, 7);
    expect(offs[0]).toBe('pump_main:off');
    expect(offs.every((s) => s.endsWith(':off'))).toBe(true);
    expect(await h.eventTypes()).toEqual(
      expect.arrayContaining(['MANUAL_TO_AUTO_RECONCILE_STARTED', 'MANUAL_TO_AUTO_RECONCILED']),
    );
    expect((await h.f.storage.zoneRuntime.get(h.zone.id)).reconcile_pending).toBe(false);
  });

  it('parks a running fill when the zone goes manual and resumes it back in auto', async () => {
    await harness('auto');
    levels(h, false, 'empty');
    await h.start();
    await h.runUntilStage('clean_fill_check');
    await h.setMode('manual');
    let task = await h.runFor(5_000);
    expect(task).toMatchObject({ stage: 'manual_hold' });
    expect(h.sentRelays()).toEqual(['valve_clean_fill:on', 'valve_clean_fill:off']);
    await h.setMode('auto');
    task = await h.runFor(5_000);
    expect(task.stage).toBe('clean_fill_check');
    expect(h.sentRelays().at(-1)).toBe('valve_clean_fill:on');
  });
});
