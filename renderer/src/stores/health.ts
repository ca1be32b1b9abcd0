import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Health } from '@contracts/health.js';
import type { HealthEvent } from '@contracts/realtime.js';
import { fetchHealth } from '../api/health.js';
import { toLoadError, type LoadError } from './load-error.js';

/** Health of the core's components: fetched over HTTP, then kept current by realtime events. */
export const useHealthStore = defineStore('health', () => {
  const health = ref<Health | null>(null);
  /** Browser time (ms) at which `health` arrived. */
  const receivedAt = ref<number | null>(null);
  /** Core clock minus browser clock (ms), so ages shown on a LAN phone are not skewed. */
  const clockOffsetMs = ref(0);
  const error = ref<LoadError | null>(null);
  const loading = ref(false);

  let lastEventId = -1;
  // Bumped on every snapshot taken. An HTTP answer only lands if no newer snapshot (typically a
  // realtime event) arrived while it was in flight; otherwise it would roll the state back.
  let revision = 0;
  let inflight: Promise<void> | null = null;

  function take(snapshot: Health): void {
    const now = Date.now();
    health.value = snapshot;
    receivedAt.value = now;
    clockOffsetMs.value = Date.parse(snapshot.started_at) + snapshot.uptime_s * 1000 - now;
    error.value = null;
    revision += 1;
  }

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function load(): Promise<void> {
    const startedAt = revision;
    loading.value = true;
    try {
      const snapshot = await fetchHealth();
      if (revision === startedAt) take(snapshot);
    } catch (cause) {
      error.value = toLoadError(cause);
    } finally {
      loading.value = false;
    }
  }

  /** Applies a `system.health` event unless it is older than one already applied. */
  function applyEvent(event: HealthEvent): void {
    if (event.event_id <= lastEventId) return;
    lastEventId = event.event_id;
    take(event.data);
  }

  /** A new realtime connection numbers its events afresh (the core may have restarted). */
  function restartStream(): void {
    lastEventId = -1;
  }

  return { health, receivedAt, clockOffsetMs, error, loading, refresh, applyEvent, restartStream };
});
