import { describe, expect, it } from 'vitest';
import { PUMP_QUEUE_DEPTH } from '../../../src/sim/devices/pump-driver.js';
import { clipDuration, doseDuration } from '../../../src/sim/devices/pump-limits.js';
import { NodeHarness } from './support/node-harness.js';

function activePh(faults = {}): NodeHarness {
  const h = NodeHarness.ready({ type: 'ph', faults, initial: { solution: 0.8, ph: 6.5, ec: 1.5 } });
  h.command('system', 'activate_sensor_mode');
  h.clear();
  return h;
}

describe('dose maths', () => {
  it('rounds ml / ml_per_second up to whole milliseconds, at least 1', () => {
    expect(doseDuration(0.5, 1.5, 60_000)).toEqual({ durationMs: 334, limited: false });
    expect(doseDuration(3, 1.5, 60_000)).toEqual({ durationMs: 2000, limited: false });
    expect(doseDuration(0.0001, 3, 60_000)).toEqual({ durationMs: 1, limited: false });
  });

  it('clips to max_duration_ms and says so', () => {
    expect(doseDuration(200, 1.5, 60_000)).toEqual({ durationMs: 60_000, limited: true });
    expect(clipDuration(45_000, 30_000)).toEqual({ durationMs: 30_000, limited: true });
  });
});

describe('ph/ec dosing', () => {
  it('refuses to dose before sensor mode is active', () => {
    const h = NodeHarness.ready({ type: 'ph' });
    expect(h.last(h.command('pump_acid', 'dose', { ml: 1 }))).toMatchObject({
      status: 'ERROR',
      error_code: 'node_not_activated',
    });
  });

  it('toggles sensor mode only on the system channel, idempotently', () => {
    const h = NodeHarness.ready({ type: 'ec' });
    expect(h.last(h.command('ec_sensor', 'activate_sensor_mode'))).toMatchObject({
      error_code: 'invalid_channel',
    });
    expect(h.last(h.command('system', 'activate_sensor_mode')).details).toEqual({
      sensor_mode_active: true,
    });
    expect(h.last(h.command('system', 'activate_sensor_mode')).details).toEqual({
      sensor_mode_active: true,
      note: 'sensor_mode_already_active_treated_as_done',
    });
  });

  it('ACKs with the computed duration, then DONE with the pump current after it ran', () => {
    const h = activePh();
    const id = h.command('pump_acid', 'dose', { ml: 0.5 });
    expect(h.last(id)).toMatchObject({
      status: 'ACK',
      details: {
        channel: 'pump_acid',
        duration_ms: 334,
        queued: false,
        ml: 0.5,
        ml_per_second: 1.5,
      },
    });
    expect(h.runtime.state().actuators.pump_acid).toBe(true);
    h.clock.advance(333);
    expect(h.statuses(id)).toEqual(['ACK']);
    h.clock.advance(1);
    const done = h.last(id);
    expect(done).toMatchObject({ status: 'DONE', details: { current_valid: true } });
    expect(done.details).toHaveProperty('current_ma');
    expect(h.runtime.state().actuators.pump_acid).toBe(false);
  });

  it('reports duration_limited when the dose exceeds max_duration_ms', () => {
    const h = activePh();
    const ack = h.last(h.command('pump_base', 'dose', { ml: 150 }));
    expect(ack.details).toMatchObject({ duration_ms: 60_000, duration_limited: true });
  });

  it('acidifies the shared tank after the pump ran and the dose mixed in', () => {
    const h = activePh();
    const before = h.world.solution().ph;
    h.command('pump_acid', 'dose', { ml: 15 });
    h.clock.advance(10_000);
    h.clock.advance(600_000);
    expect(h.world.solution().ph).toBeLessThan(before - 0.1);
  });

  it('empty reagent bottle: ACK then DONE but the tank does not change', () => {
    const h = activePh({ emptyReagents: ['pump_acid'] });
    const before = h.world.solution().ph;
    const id = h.command('pump_acid', 'dose', { ml: 15 });
    h.clock.advance(610_000);
    expect(h.statuses(id)).toEqual(['ACK', 'DONE']);
    // Only the slow upward drift remains.
    expect(h.world.solution().ph).toBeGreaterThanOrEqual(before);
  });

  it('runs one pump at a time and queues the rest in arrival order', () => {
    const h = activePh();
    const first = h.command('pump_acid', 'dose', { ml: 1.5 });
    const second = h.command('pump_base', 'dose', { ml: 1.5 });
    expect(h.last(second).details).toMatchObject({ queued: true });
    expect(h.runtime.state().actuators).toMatchObject({ pump_acid: true, pump_base: false });
    h.clock.advance(1000);
    expect(h.statuses(first)).toEqual(['ACK', 'DONE']);
    expect(h.runtime.state().actuators).toMatchObject({ pump_acid: false, pump_base: true });
    h.clock.advance(1000);
    expect(h.statuses(second)).toEqual(['ACK', 'DONE']);
  });

  it('holds at most 8 waiting runs', () => {
    const h = activePh();
    h.command('pump_acid', 'run_pump', { duration_ms: 10_000 });
    const queued = Array.from({ length: PUMP_QUEUE_DEPTH }, () =>
      h.command('pump_base', 'run_pump', { duration_ms: 100 }),
    );
    for (const id of queued) expect(h.last(id).status).toBe('ACK');
    expect(h.last(h.command('pump_base', 'run_pump', { duration_ms: 100 }))).toMatchObject({
      error_code: 'pump_queue_full',
    });
  });

  it('queues a run inside min_off cooldown with queued:true and cooldown_ms', () => {
    const h = activePh();
    h.command('pump_acid', 'run_pump', { duration_ms: 1000 });
    h.clock.advance(1000);
    h.clock.advance(2000);
    const id = h.command('pump_acid', 'run_pump', { duration_ms: 1000 });
    expect(h.last(id).details).toMatchObject({ queued: true, cooldown_ms: 3000 });
    expect(h.runtime.state().actuators.pump_acid).toBe(false);
    h.clock.advance(3000);
    expect(h.runtime.state().actuators.pump_acid).toBe(true);
    h.clock.advance(1000);
    expect(h.last(id).status).toBe('DONE');
  });

  it('rejects run_pump above 60 s and on non-pump channels', () => {
    const h = activePh();
    expect(h.last(h.command('pump_acid', 'run_pump', { duration_ms: 60_001 }))).toMatchObject({
      error_code: 'invalid_params',
    });
    expect(h.last(h.command('ph_sensor', 'run_pump', { duration_ms: 100 }))).toMatchObject({
      error_code: 'pump_not_found',
    });
  });

  it('fails the run when the INA209 has no valid or an out-of-window reading', () => {
    const h = activePh({ pumpCurrentMa: null });
    const none = h.command('pump_acid', 'run_pump', { duration_ms: 100 });
    h.clock.advance(100);
    expect(h.last(none)).toMatchObject({ status: 'ERROR', error_code: 'current_unavailable' });
    h.runtime.setFaults({ pumpCurrentMa: 900 });
    const over = h.command('pump_base', 'run_pump', { duration_ms: 100 });
    h.clock.advance(100);
    expect(h.last(over)).toMatchObject({ status: 'ERROR', error_code: 'pump_current_over_range' });
  });

  it('calibrates the pH probe into the stored config and reports it', () => {
    const h = activePh();
    expect(h.last(h.command('ph_sensor', 'calibrate', { stage: 3, known_ph: 7 }))).toMatchObject({
      error_code: 'invalid_stage',
    });
    expect(h.last(h.command('ph_sensor', 'calibrate_ph', { stage: 1, known_ph: 7.0 })).status).toBe(
      'DONE',
    );
    const report = h.on('/config_report').at(-1)?.payload;
    expect(report?.calibration).toMatchObject({ ph: { point1: { value: 7 } } });
  });
});
