import { BINDING_ROLES, type BindingRole } from '@contracts/bindings.js';
import type { NodeView } from '@contracts/devices.js';

type NodeChannel = NodeView['channels'][number];

/**
 * The channel names the reference firmware gives each role where they differ from the role's
 * name; every other role is played by the channel named after it. The same table drives the
 * demo's own bindings (core/src/cli/demo-zone.ts DEMO_ROLE_CHANNELS, kept equal by a test).
 */
export const FIRMWARE_ROLE_CHANNELS: Readonly<Partial<Record<BindingRole, readonly string[]>>> = {
  solution_temp_sensor: ['solution_temp_c'],
  temperature_sensor: ['temperature'],
  humidity_sensor: ['humidity'],
  co2_sensor: ['co2'],
  light_sensor: ['light'],
};

const ROLES = Object.keys(BINDING_ROLES) as BindingRole[];

/** The channel names that play `role` on a node running the reference firmware. */
export function firmwareChannelsOf(role: BindingRole): readonly string[] {
  return FIRMWARE_ROLE_CHANNELS[role] ?? [role];
}

/** Sensor roles for a sensor channel, actuator roles for an actuator channel. */
export function rolesFor(channel: NodeChannel): BindingRole[] {
  const kind = channel.type === 'ACTUATOR' ? 'actuator' : 'sensor';
  return ROLES.filter((role) => BINDING_ROLES[role] === kind);
}

/** The role the reference firmware means by this channel, if any (of the channel's kind). */
export function suggestRole(channel: NodeChannel): BindingRole | null {
  return (
    rolesFor(channel).find((role) => firmwareChannelsOf(role).includes(channel.channel)) ?? null
  );
}

/**
 * The suggested role per channel of `node`, skipping roles `taken` in the zone already (a grower
 * replaces a binding on purpose, not by adopting a second node with the same channels).
 */
export function suggestRoles(
  node: Pick<NodeView, 'channels'>,
  taken: ReadonlySet<BindingRole>,
): Map<string, BindingRole | null> {
  const used = new Set(taken);
  return new Map(
    node.channels.map((channel) => {
      const role = suggestRole(channel);
      if (role === null || used.has(role)) return [channel.channel, null];
      used.add(role);
      return [channel.channel, role];
    }),
  );
}
