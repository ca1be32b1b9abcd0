import type { BindingRole } from '../contracts/bindings.js';
import { NotFoundError, UnprocessableError } from '../domain/errors.js';
import type { Storage } from '../storage/storage.js';
import type { NodeRecord } from '../storage/types.js';

export interface BoundChannel {
  role: BindingRole;
  node: NodeRecord;
  channel: string;
}

/**
 * The node channel bound to `role` in the zone, refused (422) when the role is unbound or not
 * one `accepts` allows, or (with `online`) when the node is offline: a run or a probe point needs
 * the node to answer, a manually entered value does not.
 */
export async function boundChannel(
  storage: Storage,
  zoneId: number,
  role: string,
  accepts: (role: BindingRole) => boolean,
  online: boolean,
): Promise<BoundChannel> {
  if (!(await storage.zones.byId(zoneId))) throw new NotFoundError('zone', zoneId);
  const binding = (await storage.bindings.listForZone(zoneId)).find((b) => b.role === role);
  if (!binding || !accepts(binding.role))
    throw new UnprocessableError(
      'calibration_role_not_bound',
      `${role} is not a bound role of zone ${zoneId} that can be calibrated`,
    );
  const node = await storage.nodes.byId(binding.nodeId);
  if (!node || (online && node.status !== 'online'))
    throw new UnprocessableError(
      'calibration_node_offline',
      `The node bound to ${role} is offline; calibration needs it to answer`,
    );
  return { role: binding.role, node, channel: binding.channel };
}

/** Dosing pumps and the main pump: every `pump_*` role. */
export const isPumpRole = (role: BindingRole) => role.startsWith('pump_');
