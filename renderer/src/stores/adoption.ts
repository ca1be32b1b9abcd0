import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { BindingRole } from '@contracts/bindings.js';
import type { NodeView } from '@contracts/devices.js';
import { assignNode } from '../api/nodes.js';
import { putBinding } from '../api/zones.js';
import { useNodesStore } from './nodes.js';
import { useZonesStore } from './zones.js';

export interface RoleChoice {
  role: BindingRole;
  channel: string;
}

/**
 * One adoption as the grower follows it: `pending` until the node confirms its new zone with a
 * config report, `binding` while its channels get their roles, then `bound` (or `failed`, with
 * the roles that could not be bound and why).
 */
export interface Adoption {
  nodeId: number;
  zoneId: number;
  zoneName: string;
  roles: readonly RoleChoice[];
  state: 'pending' | 'binding' | 'bound' | 'failed';
  boundRoles: number;
  errors: readonly { role: BindingRole; message: string }[];
}

/**
 * Adoptions started from this window. The core cannot bind a role to a node before the node is
 * in the zone, so the chosen roles wait here for the `device.updated` that says it confirmed.
 */
export const useAdoptionStore = defineStore('adoption', () => {
  const nodes = useNodesStore();
  const zones = useZonesStore();
  const byNode = shallowRef<ReadonlyMap<number, Adoption>>(new Map());
  const list = computed(() => [...byNode.value.values()]);

  function set(adoption: Adoption): void {
    byNode.value = new Map(byNode.value).set(adoption.nodeId, adoption);
  }

  async function start(
    node: NodeView,
    zone: { id: number; name: string },
    roles: readonly RoleChoice[],
  ): Promise<void> {
    // The node's new state arrives as `device.updated`; taking this answer too could roll back a
    // confirmation that beat it here.
    await assignNode(node.id, zone.id);
    set({
      nodeId: node.id,
      zoneId: zone.id,
      zoneName: zone.name,
      roles,
      state: 'pending',
      boundRoles: 0,
      errors: [],
    });
    check();
  }

  function dismiss(nodeId: number): void {
    const next = new Map(byNode.value);
    next.delete(nodeId);
    byNode.value = next;
  }

  /** Moves pending adoptions on once their node is in the zone (or no longer pending). */
  function check(): void {
    for (const adoption of byNode.value.values()) {
      if (adoption.state !== 'pending') continue;
      const node = nodes.byIdOf(adoption.nodeId);
      if (!node) continue;
      if (node.zone_id === adoption.zoneId && node.pending_zone_id === null) {
        void bindRoles(adoption);
      } else if (node.pending_zone_id === null && node.zone_id !== adoption.zoneId) {
        // Detached, moved elsewhere or expired unconfirmed (after 30 minutes).
        set({ ...adoption, state: 'failed', errors: [] });
      }
    }
  }

  async function bindRoles(adoption: Adoption): Promise<void> {
    set({ ...adoption, state: 'binding' });
    const errors: { role: BindingRole; message: string }[] = [];
    let bound = 0;
    for (const { role, channel } of adoption.roles) {
      try {
        await putBinding(adoption.zoneId, role, { node_id: adoption.nodeId, channel });
        bound += 1;
      } catch (cause) {
        errors.push({ role, message: (cause as Error).message });
      }
    }
    set({
      ...adoption,
      state: errors.length ? 'failed' : 'bound',
      boundRoles: bound,
      errors,
    });
    if (zones.loaded) await zones.refreshZone(adoption.zoneId);
  }

  watch(() => nodes.nodes, check);

  return { list, start, dismiss, of: (nodeId: number) => byNode.value.get(nodeId) };
});
