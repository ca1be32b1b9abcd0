import {
  BINDING_ROLES,
  type BindingRole,
  type BindingView,
  type PutBindingRequest,
} from '../contracts/bindings.js';
import { audit, type DomainContext } from './context.js';
import { NotFoundError, UnprocessableError, unknownReference } from './errors.js';
import { bindingView } from './views.js';

/**
 * Channel role bindings (reference-backend-ui §2.5): which channel of which node plays a role
 * (pump_acid, valve_irrigation, …) in a zone. Automation addresses hardware only through these.
 */
export class BindingService {
  constructor(private readonly ctx: DomainContext) {}

  async list(zoneId: number): Promise<BindingView[]> {
    await this.requireZone(zoneId);
    return (await this.ctx.storage.bindings.listForZone(zoneId)).map(bindingView);
  }

  /**
   * The node must be bound to the zone and have reported the channel, and the channel must be a
   * sensor for a sensor role and an actuator for an actuator role (422 otherwise).
   */
  async put(
    zoneId: number,
    role: BindingRole,
    input: PutBindingRequest,
    actor: string,
  ): Promise<BindingView> {
    const { storage, clock } = this.ctx;
    await this.requireZone(zoneId);
    const node = await storage.nodes.byId(input.node_id);
    if (!node) throw unknownReference('node_id', input.node_id);
    if (node.zoneId !== zoneId)
      throw new UnprocessableError(
        'binding_node_not_in_zone',
        `Node ${node.uid} is not bound to zone ${zoneId}`,
      );
    const channel = (await storage.nodes.channels(node.id)).find(
      (c) => c.channel === input.channel,
    );
    if (!channel)
      throw new UnprocessableError(
        'binding_channel_not_reported',
        `Node ${node.uid} has not reported a channel ${input.channel}`,
      );
    const kind = BINDING_ROLES[role];
    if (channel.type.toLowerCase() !== kind)
      throw new UnprocessableError(
        'binding_channel_kind_mismatch',
        `${role} needs a ${kind} channel; ${input.channel} is a ${channel.type.toLowerCase()}`,
      );
    const binding = await storage.bindings.put(
      { zoneId, role, nodeId: node.id, channel: input.channel },
      clock.now(),
    );
    await audit(
      this.ctx,
      actor,
      'binding.put',
      { type: 'zone', id: zoneId },
      {
        role,
        node_id: node.id,
        channel: input.channel,
      },
    );
    return bindingView(binding);
  }

  async remove(zoneId: number, role: BindingRole, actor: string): Promise<void> {
    await this.requireZone(zoneId);
    if (!(await this.ctx.storage.bindings.delete(zoneId, role)))
      throw new NotFoundError('binding', `${role} in zone ${zoneId}`);
    await audit(this.ctx, actor, 'binding.delete', { type: 'zone', id: zoneId }, { role });
  }

  private async requireZone(id: number): Promise<void> {
    if (!(await this.ctx.storage.zones.byId(id))) throw new NotFoundError('zone', id);
  }
}
