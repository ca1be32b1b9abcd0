import { describe, expect, it } from 'vitest';
import { pwmDutyPct } from '../../../src/sim/devices/climate-device.js';
import { NodeHarness } from './support/node-harness.js';

const CLIMATE_CHANNELS = [
  { name: 'heater_air', type: 'ACTUATOR', actuator_type: 'HEATER', relay_type: 'NO' },
  { name: 'fan_air', type: 'ACTUATOR', actuator_type: 'FAN', relay_type: 'NO' },
  { name: 'white_light', type: 'ACTUATOR', actuator_type: 'PWM' },
];

describe('relay node', () => {
  it('caps a timed relay at 300 s: ACK, auto-off, DONE', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    const id = h.command('fill_valve', 'set_relay', { state: true, duration_ms: 900_000 });
    expect(h.last(id)).toMatchObject({ status: 'ACK', details: { duration_ms: 300_000 } });
    h.clock.advance(300_000);
    expect(h.last(id)).toMatchObject({ status: 'DONE', details: { state: false } });
    expect(h.runtime.state().actuators.fill_valve).toBe(false);
  });

  it('settles a timed run that a later command cut short', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    const timed = h.command('fill_valve', 'set_relay', { state: true, duration_ms: 60_000 });
    h.command('fill_valve', 'set_relay', { state: false });
    expect(h.statuses(timed)).toEqual(['ACK', 'DONE']);
    h.clock.advance(60_000);
    expect(h.statuses(timed)).toEqual(['ACK', 'DONE']);
  });

  it('toggles and rejects duration with state OFF', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    expect(h.last(h.command('drain_valve', 'toggle')).details).toEqual({
      channel: 'drain_valve',
      state: true,
    });
    expect(h.last(h.command('drain_valve', 'toggle')).details).toEqual({
      channel: 'drain_valve',
      state: false,
    });
    expect(
      h.last(h.command('drain_valve', 'set_relay', { state: false, duration_ms: 10 })),
    ).toMatchObject({
      error_code: 'invalid_params',
    });
  });
});

describe('climate node', () => {
  it('reads set_pwm values up to 100 as percent and above as 8-bit duty', () => {
    expect(pwmDutyPct(40)).toBe(40);
    expect(pwmDutyPct(255)).toBe(100);
    expect(pwmDutyPct(1000)).toBe(100);
    expect(pwmDutyPct(128)).toBeCloseTo(50.2, 1);
  });

  it('heats the shared air with its heater relay', () => {
    const h = NodeHarness.ready({ type: 'climate', extraConfig: { channels: CLIMATE_CHANNELS } });
    const idle = NodeHarness.ready({
      type: 'climate',
      extraConfig: { channels: CLIMATE_CHANNELS },
    });
    h.command('heater_air', 'set_relay', { state: true });
    h.clock.advance(1_800_000);
    idle.clock.advance(1_800_000);
    expect(h.world.air().airC).toBeGreaterThan(idle.world.air().airC + 2);
  });

  it('drives grow lamps through PWM and refuses PWM on relays', () => {
    const h = NodeHarness.ready({ type: 'climate', extraConfig: { channels: CLIMATE_CHANNELS } });
    const before = h.world.lux();
    expect(h.last(h.command('white_light', 'set_pwm', { value: 50 }))).toMatchObject({
      status: 'DONE',
      details: { duty_pct: 50 },
    });
    expect(h.world.lux()).toBeCloseTo(before + 7500, -2);
    expect(h.last(h.command('fan_air', 'set_pwm', { value: 50 }))).toMatchObject({
      error_code: 'invalid_channel',
    });
    expect(h.last(h.command('white_light', 'set_relay', { state: true }))).toMatchObject({
      error_code: 'relay_channel_not_found',
    });
  });
});
