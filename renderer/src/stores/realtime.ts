import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { subscribeRealtime, type ConnectionStatus } from '../api/realtime.js';
import { useAlertsStore } from './alerts.js';
import { useAutomationStore } from './automation.js';
import { CatchUpTracker, type CatchUp } from './catch-up.js';
import { useCommandsStore } from './commands.js';
import { useHealthStore } from './health.js';
import { useLiveValuesStore } from './live-values.js';
import { useNodesStore } from './nodes.js';
import { useSessionStore } from './session.js';
import { useZoneActivityStore, useZonesStore } from './zones.js';

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
  const alerts = useAlertsStore();
  const zones = useZonesStore();
  const zoneActivity = useZoneActivityStore();
  const automation = useAutomationStore();
  /** Counts catch-ups; pages watch it to refetch what only they hold (a node's commands…). */
  const syncs = ref(0);
  /** The replay of what was missed while the socket was down, for the connection banner. */
  const catchUp = ref<CatchUp | null>(null);
  const tracker = new CatchUpTracker((state) => (catchUp.value = state));
  let started = false;

  /** Refetches everything the stores hold over HTTP. */
  function resync(): void {
    syncs.value += 1;
    void health.refresh();
    void session.load();
    // Only what a page has asked for; the node list is loaded by the first page that shows it.
    if (nodes.loaded) void nodes.refresh();
    if (alerts.loaded) void alerts.refresh();
    if (zones.loaded) void zones.refresh();
  }

  function dispatch(event: RealtimeEvent): void {
    tracker.seen(event);
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
        automation.takeCommand(event.data.command);
        break;
      case 'telemetry.batch.updated':
        liveValues.applyEvent(event);
        break;
      case 'alert.created':
      case 'alert.updated':
        alerts.applyEvent(event);
        zoneActivity.takeAlert(event.data.alert);
        break;
      case 'zone.updated':
      case 'cycle.updated':
        zones.applyEvent(event);
        break;
      case 'event.created':
        zoneActivity.takeEvent(event.data.event);
        break;
      case 'automation.task':
        automation.applyEvent(event);
        break;
      case 'notification.show':
        // Shown natively by the desktop shell (electron/main/notice-rules.ts), not in the page.
        break;
    }
  }

  function onStatus(next: ConnectionStatus): void {
    status.value = next;
    if (next.state !== 'connected') return;
    tracker.connected();
    health.restartStream();
    nodes.restartStream();
    commands.restartStream();
    alerts.restartStream();
    automation.restartStream();
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
    subscribeRealtime(dispatch, onStatus, () => tracker.resumeFrom());
  }

  return { status, syncs, catchUp, start };
});
