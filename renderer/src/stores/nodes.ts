import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { NodeView } from '@contracts/devices.js';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { fetchNodes } from '../api/nodes.js';
import { toLoadError, type LoadError } from './load-error.js';

type DeviceEvent = Extract<RealtimeEvent, { event: 'device.updated' }>;

/** Every node the core knows: fetched over HTTP, then kept current by `device.updated`. */
export const useNodesStore = defineStore('nodes', () => {
  // Replaced, never mutated, so computed lists re-sort only when something changed.
  const byId = shallowRef<ReadonlyMap<number, NodeView>>(new Map());
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<LoadError | null>(null);

  let lastEventId = -1;
  // Bumped by every realtime update. An HTTP answer that started before one would roll it back,
  // so such an answer only fills in nodes the events have not touched.
  let revision = 0;
  const touched = new Set<number>();
  let inflight: Promise<void> | null = null;

  const nodes = computed(() => [...byId.value.values()].sort(byZoneThenName));
  const assigned = computed(() => nodes.value.filter((n) => n.zone_id !== null));
  const unassigned = computed(() => nodes.value.filter((n) => n.zone_id === null));

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function load(): Promise<void> {
    const startedAt = revision;
    touched.clear();
    loading.value = true;
    try {
      const list = await fetchNodes();
      const next = new Map(list.map((node) => [node.id, node]));
      if (revision !== startedAt) {
        for (const id of touched) {
          const live = byId.value.get(id);
          if (live) next.set(id, live);
        }
      }
      byId.value = next;
      loaded.value = true;
      error.value = null;
    } catch (cause) {
      error.value = toLoadError(cause);
    } finally {
      loading.value = false;
    }
  }

  /** Applies a `device.updated` event unless an event at least as new was applied. */
  function applyEvent(event: DeviceEvent): void {
    if (event.event_id <= lastEventId) return;
    lastEventId = event.event_id;
    upsert(event.data.device);
  }

  /** Takes a node the core returned for an action (detach, rename) or an event. */
  function upsert(node: NodeView): void {
    revision += 1;
    touched.add(node.id);
    byId.value = new Map(byId.value).set(node.id, node);
  }

  function restartStream(): void {
    lastEventId = -1;
  }

  function byIdOf(id: number): NodeView | undefined {
    return byId.value.get(id);
  }

  return {
    nodes,
    assigned,
    unassigned,
    loaded,
    loading,
    error,
    refresh,
    applyEvent,
    upsert,
    restartStream,
    byIdOf,
  };
});

/** Zone first (unassigned last), then name or uid, so the list order is stable as nodes change. */
function byZoneThenName(a: NodeView, b: NodeView): number {
  const za = a.zone_id ?? Number.MAX_SAFE_INTEGER;
  const zb = b.zone_id ?? Number.MAX_SAFE_INTEGER;
  if (za !== zb) return za - zb;
  return (a.name ?? a.uid).localeCompare(b.name ?? b.uid);
}
