import { PUMP_REST_MS } from '../../../../src/automation/runtime/workflows/tank-config.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CorrectionOutcome } from '../../../../src/automation/runtime/correction/correction-types.js';
import { correctionTick } from '../../../../src/automation/runtime/correction/runner.js';
import { off } from '../../../../src/automation/runtime/plans.js';
import { irrigationFlow } from '../../../../src/automation/runtime/workflows/irrigation-plans.js';
import { irrigationRig, type IrrigationRig } from './support/irrigation-rig.js';

// The stage table is under test here, not the pH correction (its own helper and tests): each
// test says what the correction tick answers.
vi.mock('../../../../src/automation/runtime/correction/runner.js', () => ({
  correctionTick: vi.fn(),
  resetCorrection: vi.fn(),
}));
const tick = vi.mocked(correctionTick);
const keepGoing: CorrectionOutcome = {
  kind: 'continue',
  result: { kind: 'wait', delayMs: 30_000 },
};

/** Valves, then the pump's timed run for `ms`. */
const START = (ms: number) => irrigationFlow('two_tank', ms);
const STOP = [off('pump_main'), off('valve_irrigation'), off('valve_solution_supply')];
const DEACTIVATE = {
  role: 'ph_sensor',
  channel: 'system',
  cmd: 'deactivate_sensor_mode',
  params: {},
};

let r: IrrigationRig;

beforeEach(() => {
  tick.mockReset().mockResolvedValue(keepGoing);
});
afterEach(() => r.close());

describe('irrigation on a two-tank zone', () => {
  beforeEach(async () => {
    r = await irrigationRig();
  });

  it('opens valves then the pump, irrigates for the duration, stops pump first, ends ready', async () => {
    await r.irrigate();
    await r.run(1_000);
    expect(r.steps()).toEqual(START(10_000));
    // The plan moved on at the pump's ACK: the run is going and the check stage watches it.
    expect(await r.io.status(r.io.sent[2]!.cmdId)).toBe('ACK');
    expect(await r.task()).toMatchObject({ stage: 'irrigation_check', status: 'active' });
    expect(await r.phase()).toBe('irrigating');
    expect(tick).toHaveBeenCalledWith(expect.anything(), 'irrigation');
    await r.run(12_000);
    expect(r.steps().slice(3)).toEqual([...STOP, DEACTIVATE]);
    expect(await r.task()).toMatchObject({ status: 'completed', outcome: 'completed_run' });
    expect(await r.phase()).toBe('ready');
    expect(await r.events()).toEqual(
      expect.arrayContaining([
        'IRRIGATION_DECISION_EVALUATED',
        'IRRIGATION_DECISION_SNAPSHOT_LOCKED',
      ]),
    );
  });

  it('level_solution_min lost mid-irrigation: stop plan pump first, zone idle, budget of one replay', async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    r.io.setLevel('level_solution_min', false);
    await r.run(4_000);
    expect(r.steps().slice(3, 6)).toEqual(STOP);
    expect(await r.task()).toMatchObject({
      status: 'completed',
      outcome: 'solution_low_back_to_setup',
    });
    expect(await r.phase()).toBe('idle');
    expect(await r.f.storage.zoneRuntime.get(r.zone.id)).toMatchObject({
      irrigation_setup_replays: 1,
    });
    expect(r.io.fired).toHaveLength(0);

    // Prepared again, and the tank runs low again: the budget is spent, the task fails safe.
    await r.f.storage.zones.update(r.zone.id, { workflowPhase: 'ready' }, r.f.clock.now());
    r.io.setLevel('level_solution_min', true);
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    r.io.setLevel('level_solution_min', false);
    await r.run(4_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_solution_min_replay_exhausted',
    });
    expect(r.io.fired[0]!.steps[0]).toEqual(off('pump_main'));
    expect(await r.alertCodes()).toContain('biz_irrigation_replay_exhausted');
  });

  it('a completed run clears the replay count', async () => {
    await r.f.storage.zoneRuntime.merge(
      r.zone.id,
      { irrigation_setup_replays: 1 },
      r.f.clock.now(),
    );
    await r.irrigate({ requested_duration_sec: 2 });
    await r.run(5_000);
    expect((await r.task()).outcome).toBe('completed_run');
    expect(await r.f.storage.zoneRuntime.get(r.zone.id)).not.toHaveProperty(
      'irrigation_setup_replays',
    );
  });

  it("the node's low-solution guard ending the pump run sends the zone back to preparation", async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    r.io.setStatus(r.io.sent[2]!.cmdId, 'DONE', { reason_code: 'irrigation_solution_low' });
    await r.run(3_000);
    expect(r.steps().slice(3, 6)).toEqual(STOP);
    expect(await r.task()).toMatchObject({
      status: 'completed',
      outcome: 'solution_low_back_to_setup',
    });
    expect(await r.phase()).toBe('idle');
  });

  it('a pump run the node ends with an error fails the task safe', async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    r.io.setStatus(r.io.sent[2]!.cmdId, 'ERROR');
    await r.run(3_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_pump_run_failed',
    });
    expect(r.io.fired.at(-1)?.steps[0]).toEqual(off('pump_main'));
  });

  it('an operator irrigation_stop (allowed in auto) stops the flow and leaves the tank ready', async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    await r.engine.operatorStep(r.zone.id, 'irrigation_stop');
    await r.run(1_000);
    expect(r.steps().slice(3, 6)).toEqual(STOP);
    expect(await r.task()).toMatchObject({ status: 'completed', outcome: 'stopped_by_operator' });
    expect(await r.phase()).toBe('ready');
  });

  it('manual mode parks the check stage (flow stopped) and auto resumes it for the time left', async () => {
    await r.irrigate({ requested_duration_sec: 20 });
    await r.run(4_000);
    await r.f.storage.zones.update(r.zone.id, { controlMode: 'manual' }, r.f.clock.now());
    await r.engine.controlModeChanged(r.zone.id, 'auto', 'manual');
    await r.run(1_000);
    expect(r.steps().slice(3)).toEqual(STOP);
    expect(await r.task()).toMatchObject({ stage: 'manual_hold', status: 'active' });
    expect(await r.phase()).toBe('ready');
    await expect(r.engine.operatorStep(r.zone.id, 'irrigation_start')).rejects.toMatchObject({
      code: 'manual_step_not_allowed',
    });
    await r.run(60_000);
    const served = ((await r.task()).state.irr as { served_ms: number }).served_ms;
    expect(served).toBeGreaterThan(0);
    await r.f.storage.zones.update(r.zone.id, { controlMode: 'auto' }, r.f.clock.now());
    await r.engine.controlModeChanged(r.zone.id, 'manual', 'auto');
    // The pump was stopped by the hold: it rests before the flow re-opens.
    await r.run(PUMP_REST_MS + 1_000);
    expect(r.steps().slice(6)).toEqual(START(20_000 - served));
    expect(await r.phase()).toBe('irrigating');
    await r.run(20_000 - served);
    expect((await r.task()).status).toBe('active');
    await r.run(3_000);
    expect(await r.task()).toMatchObject({ status: 'completed', outcome: 'completed_run' });
  });

  it('fails safe on a stale tank level instead of irrigating blind', async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    r.io.setLevel('level_solution_min', null);
    await r.run(2_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_solution_level_stale',
    });
    expect(r.io.fired[0]!.steps.map((s) => s.role).slice(0, 2)).toEqual([
      'pump_main',
      'valve_irrigation',
    ]);
    expect(await r.phase()).toBe('idle');
  });

  it('acts on the correction: low water stops the run, a failure fails it, exhaustion only alerts', async () => {
    tick.mockResolvedValueOnce({ kind: 'exhausted', code: 'ph_attempts' });
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(3_000);
    expect(await r.alertCodes()).toContain('biz_irrigation_correction_exhausted');
    expect((await r.task()).status).toBe('active');
    const calls = tick.mock.calls.length;
    await r.run(3_000);
    expect(tick.mock.calls.length).toBe(calls);
    await r.engine.operatorStep(r.zone.id, 'irrigation_stop');
    await r.run(1_000);

    tick.mockResolvedValue({ kind: 'fail', code: 'correction_sensor_not_bound' });
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(2_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'correction_sensor_not_bound',
    });

    await r.f.storage.zones.update(r.zone.id, { workflowPhase: 'ready' }, r.f.clock.now());
    tick.mockResolvedValue({ kind: 'low_water' });
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(2_000);
    expect(await r.task()).toMatchObject({ outcome: 'solution_low_back_to_setup' });
  });

  it('the software E-stop fails the task, switches every bound actuator off and latches', async () => {
    await r.irrigate({ requested_duration_sec: 60 });
    await r.run(1_000);
    const failed = await r.engine.emergencyStop(r.zone.id, {
      source: 'operator',
      user: 't',
      reason: null,
    });
    expect(failed?.id).toBe((await r.task()).id);
    expect(await r.task()).toMatchObject({ status: 'failed', outcome: 'emergency_stop_activated' });
    // The task's fail-safe batch (flow, then the probe node leaves sensor mode so it refuses
    // doses), then the rest of the zone's actuators and the probe node once more.
    expect(r.io.fired.map((b) => b.steps.map((s) => `${s.role}:${s.cmd}`))).toEqual([
      [
        'pump_main:set_relay',
        'valve_irrigation:set_relay',
        'valve_solution_supply:set_relay',
        'ph_sensor:deactivate_sensor_mode',
      ],
      ['light:set_relay', 'ph_sensor:deactivate_sensor_mode'],
    ]);
    expect(await r.events()).toContain('EMERGENCY_STOP_ACTIVATED');
    expect(await r.f.storage.zoneRuntime.get(r.zone.id)).toHaveProperty('estop_at');
    await r.run(60_000);
    expect(await r.f.storage.tasks.activeForZone(r.zone.id)).toBeNull();
  });
});
