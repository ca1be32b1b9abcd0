import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { subscribeRealtime, type ConnectionStatus } from '../api/realtime.js';
import { useCommandsStore } from './commands.js';
import { useHealthStore } from './health.js';
import { useLiveValuesStore } from './live-values.js';
import { useNodesStore } from './nodes.js';
import { useSessionStore } from './session.js';

/**
 * Owns the app's one realtime connection and routes its events into the domain stores
 * (reference-backend-ui.md §3.4: pages never touch the socket).
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const status = ref<ConnectionStatus>({ state: 'connecting' });
  const health = useHealthStore();
  const session = useSessionStore();
  const nodes = useNodesStore();
  const commands = useCommandsStore();
  const liveValues = useLiveValuesStore();
  /** Counts catch-ups; pages watch it to refetch what only they hold (a node's commands…). */
  const syncs = ref(0);
  let started = false;

  /** Refetches everything the stores hold over HTTP. */
  function resync(): void {
    syncs.value += 1;
    void health.refresh();
    void session.load();
    // Only what a page has asked for; the node list is loaded by the first page that shows it.
    if (nodes.loaded) void nodes.refresh();
  }

  function dispatch(event: RealtimeEvent): void {
    switch (event.event) {
      case 'system.health':
        health.applyEvent(event);
        break;
      case 'system.resync':
        resync();
        break;
      case 'device.updated':
        nodes.applyEvent(event);
        break;
      case 'command.status':
        commands.applyEvent(event);
        break;
      case 'telemetry.batch.updated':
        liveValues.applyEvent(event);
        break;
      case 'zone.updated':
      case 'cycle.updated':
      case 'alert.created':
      case 'alert.updated':
      case 'event.created':
        // No page shows zones, cycles, alerts or zone events yet; their stores come with them.
        break;
      case 'notification.show':
        // Shown natively by the desktop shell (electron/main/notice-rules.ts), not in the page.
        break;
    }
  }

  function onStatus(next: ConnectionStatus): void {
    status.value = next;
    if (next.state !== 'connected') return;
    health.restartStream();
    nodes.restartStream();
    commands.restartStream();
    // Events sent while we were away are lost, so catch up on every (re)connect (reference §3.4).
    resync();
  }

  /**
   * Loads the state over HTTP, so pages fill even if WebSockets cannot get through, and goes live
   * for the lifetime of the page. Idempotent.
   */
  function start(): void {
    if (started) return;
    started = true;
    resync();
    subscribeRealtime(dispatch, onStatus);
  }

  return { status, syncs, start };
});
