import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AlertView } from '@contracts/alerts.js';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { ALERTS_PAGE_SIZE, fetchAlerts, resolveAlerts, type AlertFilter } from '../api/alerts.js';
import { toLoadError, type LoadError } from './load-error.js';

type AlertEvent = Extract<RealtimeEvent, { event: 'alert.created' | 'alert.updated' }>;
type SevereListener = (alert: AlertView) => void;

/** New alerts of these severities interrupt the grower wherever they are (a toast). */
const TOASTED = new Set(['error', 'critical']);

export const ACTIVE_ALERTS: AlertFilter = {
  status: 'ACTIVE',
  severity: null,
  source: null,
  zoneId: null,
  code: '',
};

export function matchesFilter(alert: AlertView, filter: AlertFilter): boolean {
  if (filter.status && alert.status !== filter.status) return false;
  if (filter.severity && alert.severity !== filter.severity) return false;
  if (filter.source && alert.source !== filter.source) return false;
  if (filter.zoneId !== null && alert.zone_id !== filter.zoneId) return false;
  return filter.code.trim() === '' || alert.code === filter.code.trim();
}

/** The list with `alert` replaced where it is, or (when `adds`) put first. */
function withAlert(list: readonly AlertView[], alert: AlertView, adds: boolean) {
  const index = list.findIndex((a) => a.id === alert.id);
  if (index >= 0) return list.with(index, alert);
  return adds ? [alert, ...list] : list;
}

/**
 * The alert list the Alerts page shows (one filter, paged over HTTP, then kept current by
 * `alert.created` / `alert.updated`), and the severe new alerts the app toasts anywhere.
 */
export const useAlertsStore = defineStore('alerts', () => {
  const filter = ref<AlertFilter>({ ...ACTIVE_ALERTS });
  const alerts = shallowRef<readonly AlertView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const hasMore = ref(false);
  const error = ref<LoadError | null>(null);
  const listeners = new Set<SevereListener>();
  let page = 1;
  let lastEventId = -1;
  // A filter change while a page is loading must not let the older answer win.
  let generation = 0;

  async function fetchPage(next: number): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const rows = await fetchAlerts(filter.value, next);
      if (mine !== generation) return;
      const known = new Set(rows.map((a) => a.id));
      alerts.value = next === 1 ? rows : [...alerts.value.filter((a) => !known.has(a.id)), ...rows];
      page = next;
      hasMore.value = rows.length === ALERTS_PAGE_SIZE;
      loaded.value = true;
      error.value = null;
    } catch (cause) {
      if (mine === generation) error.value = toLoadError(cause);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const refresh = () => fetchPage(1);
  const loadMore = () => fetchPage(page + 1);

  function setFilter(next: AlertFilter): Promise<void> {
    filter.value = { ...next };
    return refresh();
  }

  function upsert(alert: AlertView, isNew: boolean): void {
    const adds = isNew && loaded.value && matchesFilter(alert, filter.value);
    alerts.value = withAlert(alerts.value, alert, adds);
  }

  function applyEvent(event: AlertEvent): void {
    if (event.event_id <= lastEventId) return;
    lastEventId = event.event_id;
    const { alert } = event.data;
    const isNew = event.event === 'alert.created';
    upsert(alert, isNew);
    if (isNew && alert.status === 'ACTIVE' && TOASTED.has(alert.severity)) {
      for (const listener of listeners) listener(alert);
    }
  }

  /** Resolves the alerts and shows them resolved; returns how many this call resolved. */
  async function resolve(ids: number[]): Promise<number> {
    const result = await resolveAlerts(ids);
    for (const alert of result.resolved) upsert(alert, false);
    return result.resolved.length;
  }

  function onSevere(listener: SevereListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function restartStream(): void {
    lastEventId = -1;
  }

  return {
    filter,
    alerts,
    loaded,
    loading,
    hasMore,
    error,
    refresh,
    loadMore,
    setFilter,
    applyEvent,
    resolve,
    onSevere,
    restartStream,
  };
});
