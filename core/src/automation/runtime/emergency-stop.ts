import { BINDING_ROLES, type BindingRole } from '../../contracts/bindings.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import { DOSING_ROLES, FAIL_SAFE_ROLES, off } from './plans.js';
import { sensorModeSteps } from './correction/probes.js';
import type { RuntimeContext } from './runtime-context.js';
import type { ZoneIo } from './zone-io.js';

/**
 * The software emergency stop (reference-domain §5.7, §11.12): what the physical E-stop does in
 * the IRR firmware, done from the core for every actuator of the zone. Water first (pump before
 * valves), then lights and climate relays; the probes' nodes leave sensor mode so they refuse
 * any further dose (a running dose ends on the node's own limit). Vents are left where they are:
 * a position actuator has no "off", and shutting a greenhouse in an emergency is not obviously
 * the safe side.
 */
export function emergencyOffRoles(zone: ZoneRecord): BindingRole[] {
  const dosing = new Set(DOSING_ROLES);
  const actuators = (Object.keys(BINDING_ROLES) as BindingRole[]).filter(
    (role) => BINDING_ROLES[role] === 'actuator' && role !== 'vent' && !dosing.has(role),
  );
  return [...new Set([...FAIL_SAFE_ROLES[zone.topology], ...actuators])];
}

export interface EmergencyStopBy {
  /** `operator` (the API) or `node` (the physical button). */
  source: string;
  user: string;
  reason: string | null;
}

/**
 * Latch the stop in zone memory (nothing resumes on its own: a new start is needed), publish
 * OFF to every bound actuator not already switched off by the failed task's fail-safe batch,
 * and put the stop on the zone's timeline.
 */
export async function emergencyOff(
  ctx: RuntimeContext,
  io: ZoneIo,
  zone: ZoneRecord,
  by: EmergencyStopBy,
  done: { taskId: number | null; alreadyOff: readonly BindingRole[] },
): Promise<BindingRole[]> {
  const now = ctx.clock.now();
  await ctx.storage.zoneRuntime.merge(zone.id, { estop_at: now }, now);
  const skip = new Set(done.alreadyOff);
  const bound: BindingRole[] = [];
  for (const role of emergencyOffRoles(zone)) if (await io.has(role)) bound.push(role);
  const roles = bound.filter((role) => !skip.has(role));
  await io.fireAndForget(
    [...roles.map(off), ...(await sensorModeSteps(io, false))],
    `es${zone.id}-${now}`,
  );
  await ctx.zoneEvents.record(zone.id, 'EMERGENCY_STOP_ACTIVATED', {
    source: by.source,
    user: by.user,
    reason: by.reason,
    task_id: done.taskId,
    switched_off: bound,
  });
  return roles;
}
