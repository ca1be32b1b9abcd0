import { describe, expect, it } from 'vitest';
import { BINDING_ROLES, type BindingRole } from '../../core/src/contracts/bindings.js';
import { FIRMWARE_NODE_PROFILES } from '../../core/src/contracts/mqtt/channel-maps.js';
import {
  firmwareChannelsOf,
  suggestRole,
  suggestRoles,
} from '../src/components/nodes/adopt/role-suggestions.js';

const channel = (name: string, type: 'SENSOR' | 'ACTUATOR') => ({
  channel: name,
  type,
  metric: null,
  unit: null,
  actuator_type: null,
});

// The demo's table lives with the core's CLI, whose imports the renderer's typecheck must not
// follow (Node-only modules); it is loaded at run time only.
const DEMO_ZONE = '../../core/src/cli/demo-zone.js';

describe('role suggestions for adopting a node', () => {
  it('names the same channels as the demo binds for each role', async () => {
    const { DEMO_ROLE_CHANNELS } = (await import(/* @vite-ignore */ DEMO_ZONE)) as {
      DEMO_ROLE_CHANNELS: Record<string, readonly string[]>;
    };
    expect(Object.keys(DEMO_ROLE_CHANNELS).length).toBeGreaterThan(10);
    for (const [role, channels] of Object.entries(DEMO_ROLE_CHANNELS)) {
      expect(firmwareChannelsOf(role as BindingRole), role).toEqual(channels);
    }
  });

  it('suggests the role of each channel on the reference firmware profiles, of the right kind', () => {
    const ph = FIRMWARE_NODE_PROFILES.ph.channels.map((c) =>
      channel(c.name, c.type === 'ACTUATOR' ? 'ACTUATOR' : 'SENSOR'),
    );
    const roles = suggestRoles({ channels: ph }, new Set());
    expect(roles.get('ph_sensor')).toBe('ph_sensor');
    expect(roles.get('pump_acid')).toBe('pump_acid');
    expect(roles.get('pump_base')).toBe('pump_base');
    for (const [name, role] of roles) {
      if (role === null) continue;
      const kind = ph.find((c) => c.channel === name)!.type.toLowerCase();
      expect(BINDING_ROLES[role], name).toBe(kind === 'actuator' ? 'actuator' : 'sensor');
    }
  });

  it('maps renamed channels and tells a light sensor from a light output', () => {
    expect(suggestRole(channel('solution_temp_c', 'SENSOR'))).toBe('solution_temp_sensor');
    expect(suggestRole(channel('temperature', 'SENSOR'))).toBe('temperature_sensor');
    expect(suggestRole(channel('light', 'SENSOR'))).toBe('light_sensor');
    expect(suggestRole(channel('light', 'ACTUATOR'))).toBe('light');
    expect(suggestRole(channel('ph_sensor', 'ACTUATOR'))).toBeNull();
    expect(suggestRole(channel('pump_bus_current', 'SENSOR'))).toBeNull();
  });

  it('leaves roles the zone has bound already, and never suggests one role twice', () => {
    const node = {
      channels: [channel('ph_sensor', 'SENSOR'), channel('pump_acid', 'ACTUATOR')],
    };
    const roles = suggestRoles(node, new Set<BindingRole>(['ph_sensor']));
    expect(roles.get('ph_sensor')).toBeNull();
    expect(roles.get('pump_acid')).toBe('pump_acid');
  });
});
