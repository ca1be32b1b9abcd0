import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { subscribeRealtime, type ConnectionStatus } from '../api/realtime.js';
import { useHealthStore } from './health.js';
import { useSessionStore } from './session.js';

/**
 * Owns the app's one realtime connection and routes its events into the domain stores
 * (reference-backend-ui.md §3.4: pages never touch the socket).
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const status = ref<ConnectionStatus>({ state: 'connecting' });
  const health = useHealthStore();
  const session = useSessionStore();
  let started = false;

  /** Refetches everything the stores hold over HTTP. */
  function resync(): void {
    void health.refresh();
    void session.load();
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
      case 'command.status':
      case 'telemetry.batch.updated':
        // No page shows nodes, commands or readings yet; their stores come with those pages.
        break;
    }
  }

  function onStatus(next: ConnectionStatus): void {
    status.value = next;
    if (next.state !== 'connected') return;
    health.restartStream();
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

  return { status, start };
});
