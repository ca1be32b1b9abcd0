import { describe, expect, it } from 'vitest';
import {
  BUILTIN_COMMANDS,
  COMMAND_CATALOGUE,
  FIRMWARE_NODE_PROFILES,
  NodeChannelSchema,
  NodeConfigSchema,
  isKnownCommand,
  toNodeChannel,
  transportCapError,
  type ProfiledNodeType,
} from '../../../src/contracts/mqtt/index.js';

describe('transportCapError', () => {
  it.each([
    ['dose', { ml: 0.5 }],
    ['dose', { ml: 500 }],
    ['run_pump', { duration_ms: 1 }],
    ['run_pump', { duration_ms: 300_000 }],
    // Only numeric values are capped; the node itself rejects the rest.
    ['dose', { ml: '600' }],
    // timeout_ms is not capped by the reference backend (§6, §12).
    ['set_relay', { state: true, timeout_ms: 600_000, stage: 'solution_fill' }],
    ['set_position', { position_pct: 0 }],
    ['set_position', { position_pct: 100, max_step_pct: 10 }],
    ['restart', {}],
  ])('lets %s %j through', (cmd, params) => {
    expect(transportCapError(cmd, params)).toBeNull();
  });

  it.each([
    ['dose', { ml: 0 }, 'params.ml'],
    ['dose', { ml: -1 }, 'params.ml'],
    ['dose', { ml: 500.01 }, 'params.ml'],
    ['dose', { ml: NaN }, 'params.ml'],
    ['run_pump', { duration_ms: 0 }, 'params.duration_ms'],
    ['run_pump', { duration_ms: 300_001 }, 'params.duration_ms'],
    // The irrigation node allows an hour, but the transport caps apply to every command.
    ['run_pump', { duration_ms: 3_600_000 }, 'params.duration_ms'],
    ['set_relay', { state: true, duration_ms: NaN }, 'params.duration_ms'],
    ['set_position', {}, 'params.position_pct'],
    ['set_position', { position_pct: 101 }, 'params.position_pct'],
    ['set_position', { position_pct: '50' }, 'params.position_pct'],
    ['set_position', { position_pct: 50, max_step_pct: -1 }, 'params.max_step_pct'],
  ])('stops %s %j at %s', (cmd, params, field) => {
    expect(transportCapError(cmd, params)).toMatchObject({ field });
  });
});

describe('command catalogue', () => {
  const accepts = (cmd: keyof typeof COMMAND_CATALOGUE, params: unknown) =>
    COMMAND_CATALOGUE[cmd].params.safeParse(params).success;

  it('describes parameters as the firmware reads them', () => {
    expect(accepts('dose', { ml: 0.5 })).toBe(true);
    expect(accepts('dose', { ml: 0 })).toBe(false);
    expect(accepts('run_pump', { duration_ms: 1.5 })).toBe(false);
    expect(accepts('set_relay', { state: 1 })).toBe(true);
    expect(accepts('set_relay', { state: true, duration_ms: 5000 })).toBe(true);
    expect(accepts('set_relay', { state: false, duration_ms: 5000 })).toBe(false);
    expect(accepts('set_relay', { state: true, timeout_ms: 600_000, stage: 'solution_fill' })).toBe(
      true,
    );
    expect(accepts('set_relay', { state: true, timeout_ms: 600_000 })).toBe(false);
    expect(accepts('set_relay', { state: true, stage: 'irrigation', timeout_ms: 1 })).toBe(false);
    expect(accepts('calibrate', { stage: 1, known_ph: 7 })).toBe(true);
    expect(accepts('calibrate', { stage: 2, tds_value: 1413 })).toBe(true);
    expect(accepts('calibrate', { type: 'PH_7' })).toBe(false);
    expect(accepts('calibrate_ph', { stage: 3, known_ph: 7 })).toBe(false);
    expect(accepts('set_time', { unix_ts: 12 })).toBe(false);
    expect(accepts('activate_sensor_mode', { stabilization_time_sec: 30 })).toBe(true);
  });

  it('marks the commands answered with ACK before their terminal status', () => {
    const acking = Object.entries(COMMAND_CATALOGUE).filter(([, spec]) => spec.acks);
    expect(acking.map(([name]) => name).sort()).toEqual(['dose', 'run_pump']);
  });

  it('knows its names and nothing inherited', () => {
    expect(isKnownCommand('set_relay')).toBe(true);
    expect(isKnownCommand('reset_binding')).toBe(false);
    expect(isKnownCommand('constructor')).toBe(false);
  });
});

describe('firmware channel maps', () => {
  const profiles = Object.entries(FIRMWARE_NODE_PROFILES) as [
    ProfiledNodeType,
    (typeof FIRMWARE_NODE_PROFILES)[ProfiledNodeType],
  ][];

  it.each(profiles)(
    '%s: every channel is a valid NodeConfig entry and the map fits one config',
    (type, profile) => {
      const channels = profile.channels.map(toNodeChannel);
      for (const channel of channels) expect(NodeChannelSchema.parse(channel)).toEqual(channel);
      const config = {
        node_id: `nd-${type}-78e36ddde468`,
        version: 3,
        type,
        gh_uid: 'gh-1',
        zone_uid: 'zn-1',
        channels,
        mqtt: { configured: true as const },
        wifi: { configured: true as const },
      };
      expect(NodeConfigSchema.safeParse(config).error).toBeUndefined();
    },
  );

  it.each(profiles)('%s: registers the builtins and only catalogued commands', (_type, profile) => {
    expect(profile.commands).toEqual(expect.arrayContaining([...BUILTIN_COMMANDS]));
    expect(profile.commands.filter((cmd) => !isKnownCommand(cmd))).toEqual([]);
  });

  it('carries the dosing defaults of §5.2', () => {
    const ph = FIRMWARE_NODE_PROFILES.ph.channels.map(toNodeChannel);
    expect(ph.find((c) => c.name === 'pump_acid')).toEqual({
      name: 'pump_acid',
      channel: 'pump_acid',
      type: 'ACTUATOR',
      actuator_type: 'PERISTALTIC_PUMP',
      safe_limits: { max_duration_ms: 60_000, min_off_ms: 5000 },
      ml_per_second: 1.5,
    });
    const ec = FIRMWARE_NODE_PROFILES.ec.channels.filter(
      (c) => c.actuator_type === 'PERISTALTIC_PUMP',
    );
    expect(ec.map((c) => [c.name, c.ml_per_second])).toEqual([
      ['pump_a', 3],
      ['pump_b', 3],
      ['pump_c', 3],
      ['pump_d', 3],
    ]);
    const irrig = FIRMWARE_NODE_PROFILES.irrig.channels;
    expect(irrig.find((c) => c.name === 'pump_main')?.max_duration_ms).toBe(3_600_000);
    expect(irrig.filter((c) => c.actuator_type === 'VALVE')).toHaveLength(5);
  });

  it('keeps sensor mode and dosing on the dosing nodes only', () => {
    const withDose = profiles.filter(([, p]) => (p.commands as readonly string[]).includes('dose'));
    expect(withDose.map(([type]) => type)).toEqual(['ph', 'ec']);
  });
});
