import { describe, expect, it } from 'vitest';
import { NodeHarness } from './support/node-harness.js';
import type { IrrigDevice } from '../../../src/sim/devices/irrig-device.js';

function irrig(
  initial = { clean: 0.9, solution: 0.5 },
  guards: Record<string, unknown> = {},
): NodeHarness {
  return NodeHarness.ready({ type: 'irrig', initial, extraConfig: { fail_safe_guards: guards } });
}

function estop(h: NodeHarness, pressed: boolean): void {
  (h.runtime.device as IrrigDevice).setEstop(pressed);
}

describe('irrigation node outputs', () => {
  it('blocks pump_main without a flow path, except for a short dry run', () => {
    const h = irrig();
    expect(h.last(h.command('pump_main', 'set_relay', { state: true }))).toMatchObject({
      status: 'ERROR',
      error_code: 'pump_interlock_blocked',
    });
    const dry = h.command('pump_main', 'set_relay', { state: true, duration_ms: 3000 });
    expect(h.statuses(dry)).toEqual(['ACK']);
    h.clock.advance(3000);
    expect(h.statuses(dry)).toEqual(['ACK', 'DONE']);
  });

  it('runs the pump once a supply and an outlet valve are open', () => {
    const h = irrig();
    h.command('valve_clean_supply', 'set_relay', { state: true });
    h.command('valve_solution_fill', 'set_relay', { state: true });
    const id = h.command('pump_main', 'set_relay', { state: true });
    expect(h.last(id)).toMatchObject({ status: 'DONE', details: { state: true } });
    expect(h.runtime.state().actuators).toMatchObject({
      pump_main: true,
      valve_clean_supply: true,
    });
  });

  it('answers a same-state request with DONE and a note, not NO_EFFECT', () => {
    const h = irrig();
    h.command('valve_irrigation', 'set_relay', { state: false });
    expect(h.responses().at(-1)).toMatchObject({
      status: 'DONE',
      details: { note: 'already_in_requested_state_treated_as_done' },
    });
  });

  it('needs an idle output for a timed run and refuses commands on the wrong channel', () => {
    const h = irrig();
    h.command('valve_clean_fill', 'set_relay', { state: true });
    expect(
      h.last(h.command('valve_clean_fill', 'set_relay', { state: true, duration_ms: 1000 })),
    ).toMatchObject({
      error_code: 'transient_requires_idle_state',
    });
    expect(h.last(h.command('valve_clean_fill', 'run_pump', { duration_ms: 1000 }))).toMatchObject({
      status: 'INVALID',
      error_code: 'unsupported_channel_cmd',
    });
    expect(h.last(h.command('pump_main', 'state'))).toMatchObject({ status: 'INVALID' });
  });

  it('enforces the pump min_off cooldown with cooldown_active', () => {
    const h = irrig();
    h.command('valve_solution_supply', 'set_relay', { state: true });
    h.command('valve_solution_fill', 'set_relay', { state: true });
    h.command('pump_main', 'set_relay', { state: true });
    h.command('pump_main', 'set_relay', { state: false });
    h.clock.advance(4000);
    expect(h.last(h.command('pump_main', 'set_relay', { state: true }))).toMatchObject({
      error_code: 'cooldown_active',
    });
    h.clock.advance(1000);
    expect(h.last(h.command('pump_main', 'set_relay', { state: true })).status).toBe('DONE');
  });

  it('reports a full snapshot for state on storage_state', () => {
    const h = irrig({ clean: 0.95, solution: 0.5 });
    const done = h.last(h.command('storage_state', 'state'));
    expect(done).toMatchObject({
      status: 'DONE',
      details: {
        snapshot: {
          clean_level_max: true,
          clean_level_min: true,
          solution_level_max: false,
          solution_level_min: true,
          pump_main: false,
          valve_irrigation: false,
        },
        state: { level_clean_max: 1, level_solution_max: 0 },
        age_sec: 0,
        max_age_sec: 30,
        is_fresh: true,
        sample_ts: h.unixS(),
      },
    });
  });
});

describe('E-stop', () => {
  it('switches everything off, announces it, rejects ON and allows OFF while pressed', () => {
    const h = irrig();
    h.command('valve_clean_fill', 'set_relay', { state: true });
    estop(h, true);
    h.clock.advance(80);
    expect(h.runtime.state().actuators.valve_clean_fill).toBe(false);
    expect(h.events('emergency_stop_activated')).toHaveLength(1);
    expect(h.last(h.command('valve_clean_fill', 'set_relay', { state: true }))).toMatchObject({
      error_code: 'estop_active',
    });
    expect(h.last(h.command('valve_clean_fill', 'set_relay', { state: false })).status).toBe(
      'DONE',
    );
    estop(h, false);
    h.clock.advance(80);
    expect(Object.values(h.runtime.state().actuators).every((on) => on === false)).toBe(true);
    expect(h.events('emergency_stop_activated')).toHaveLength(1);
    expect(h.last(h.command('valve_clean_fill', 'set_relay', { state: true })).status).toBe('DONE');
  });

  it('ignores a press shorter than the debounce', () => {
    const h = irrig();
    h.command('valve_clean_fill', 'set_relay', { state: true });
    estop(h, true);
    h.clock.advance(40);
    estop(h, false);
    h.clock.advance(200);
    expect(h.runtime.state().actuators.valve_clean_fill).toBe(true);
  });
});

describe('stage guard', () => {
  function armFill(h: NodeHarness, timeoutMs: number): string {
    h.command('valve_clean_supply', 'set_relay', { state: true });
    h.command('valve_solution_fill', 'set_relay', { state: true });
    return h.command('pump_main', 'set_relay', {
      state: true,
      timeout_ms: timeoutMs,
      stage: 'solution_fill',
    });
  }

  it('answers DONE at once; on timeout stops the path with an event and no second response', () => {
    const h = irrig({ clean: 0.9, solution: 0.3 });
    const arm = armFill(h, 10_000);
    expect(h.statuses(arm)).toEqual(['DONE']);
    h.clock.advance(10_000);
    expect(h.runtime.state().actuators).toMatchObject({
      pump_main: false,
      valve_solution_fill: false,
      valve_clean_supply: false,
    });
    expect(h.events('solution_fill_timeout')[0]).toMatchObject({
      cmd_id: arm,
      snapshot: { pump_main: false },
    });
    expect(h.statuses(arm)).toEqual(['DONE']);
  });

  it('rejects a stage on another channel or without a timeout', () => {
    const h = irrig();
    expect(
      h.last(
        h.command('valve_irrigation', 'set_relay', {
          state: true,
          timeout_ms: 1000,
          stage: 'solution_fill',
        }),
      ),
    ).toMatchObject({
      error_code: 'invalid_params',
    });
    expect(
      h.last(h.command('pump_main', 'set_relay', { state: true, stage: 'solution_fill' })),
    ).toMatchObject({
      error_code: 'invalid_params',
    });
  });

  it('is disarmed by an explicit pump OFF, with an extra DONE for the arm command', () => {
    const h = irrig({ clean: 0.9, solution: 0.3 });
    const arm = armFill(h, 10_000);
    const off = h.command('pump_main', 'set_relay', { state: false });
    expect(h.last(off).status).toBe('DONE');
    expect(h.last(arm)).toMatchObject({
      status: 'DONE',
      details: { reason_code: 'stage_stopped_by_command' },
    });
    h.clock.advance(20_000);
    expect(h.events('solution_fill_timeout')).toEqual([]);
  });
});

describe('local fail-safe guards', () => {
  it('closes the clean fill valve at level_clean_max, once per fill', () => {
    const h = irrig({ clean: 0.9, solution: 0.3 });
    h.command('valve_clean_fill', 'set_relay', { state: true });
    // 2 % of 200 L at 20 L/min is 12 s.
    h.clock.advance(15_000);
    expect(h.runtime.state().actuators.valve_clean_fill).toBe(false);
    expect(h.events('clean_fill_completed')).toHaveLength(1);
    expect(
      h.events('level_switch_changed').find((e) => e.channel === 'level_clean_max'),
    ).toMatchObject({
      state: true,
      initial: false,
    });
  });

  it('stops a solution fill whose source runs dry after the check delay', () => {
    const h = irrig({ clean: 0.16, solution: 0.2 });
    h.command('valve_clean_supply', 'set_relay', { state: true });
    h.command('valve_solution_fill', 'set_relay', { state: true });
    h.command('pump_main', 'set_relay', { state: true });
    h.clock.advance(10_000);
    expect(h.events('solution_fill_source_empty')).toHaveLength(1);
    expect(h.runtime.state().actuators.pump_main).toBe(false);
  });

  it('completes a solution fill at level_solution_max', () => {
    const h = irrig({ clean: 0.9, solution: 0.9 });
    h.command('valve_clean_supply', 'set_relay', { state: true });
    h.command('valve_solution_fill', 'set_relay', { state: true });
    h.command('pump_main', 'set_relay', { state: true });
    h.clock.advance(10_000);
    expect(h.events('solution_fill_completed')).toHaveLength(1);
    expect(h.runtime.state().actuators).toMatchObject({
      pump_main: false,
      valve_solution_fill: false,
    });
  });

  it('stops irrigation when the solution tank runs low, unless the guard is disabled', () => {
    const start = (h: NodeHarness) => {
      h.command('valve_solution_supply', 'set_relay', { state: true });
      h.command('valve_irrigation', 'set_relay', { state: true });
      h.command('pump_main', 'run_pump', { duration_ms: 60_000 });
      h.clock.advance(20_000);
    };
    const guarded = irrig({ clean: 0.9, solution: 0.2 });
    start(guarded);
    expect(guarded.events('irrigation_solution_low')).toHaveLength(1);
    expect(guarded.runtime.state().actuators.pump_main).toBe(false);
    const unguarded = irrig(
      { clean: 0.9, solution: 0.2 },
      { irrigation_solution_min_guard_enabled: false },
    );
    start(unguarded);
    expect(unguarded.events('irrigation_solution_low')).toEqual([]);
  });

  it('auto-arms the irrigation timeout when valve_irrigation opens', () => {
    const h = irrig({ clean: 0.9, solution: 0.5 }, { irrigation_timeout_ms: 5000 });
    h.command('valve_irrigation', 'set_relay', { state: true });
    h.clock.advance(5000);
    expect(h.events('irrigation_timeout')).toHaveLength(1);
    expect(h.runtime.state().actuators.valve_irrigation).toBe(false);
  });

  it('reports every level switch with initial:true once per session after sync', () => {
    const h = irrig();
    h.reconnect();
    const initial = h.events('level_switch_changed');
    expect(initial.map((e) => e.channel).sort()).toEqual([
      'level_clean_max',
      'level_clean_min',
      'level_solution_max',
      'level_solution_min',
    ]);
    expect(initial.every((e) => e.initial === true && typeof e.ts === 'number')).toBe(true);
    h.clock.advance(60_000);
    expect(h.events('level_switch_changed')).toHaveLength(4);
  });
});
