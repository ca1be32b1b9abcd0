import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AlertView } from '@contracts/alerts.js';
import type { BindingView } from '@contracts/bindings.js';
import type { CycleView } from '@contracts/cycles.js';
import type { ZoneEventView } from '@contracts/events.js';
import type { GreenhouseView } from '@contracts/greenhouses.js';
import type { RealtimeEvent } from '@contracts/realtime.js';
import type { EffectiveTargets, ZoneDetail, ZoneView } from '@contracts/zones.js';
import { fetchAlerts } from '../api/alerts.js';
import { fetchPlants, fetchRecipes } from '../api/recipes.js';
import {
  fetchBindings,
  fetchEffectiveTargets,
  fetchGreenhouses,
  fetchZone,
  fetchZones,
} from '../api/zones.js';
import { useLiveValuesStore } from './live-values.js';
import { toLoadError, type LoadError } from './load-error.js';

type ZoneRealtimeEvent = Extract<RealtimeEvent, { event: 'zone.updated' | 'cycle.updated' }>;

/** What the dashboard and a zone page show besides live values: cycle, targets, bindings. */
export interface ZoneFacts {
  detail: ZoneDetail;
  targets: EffectiveTargets;
  bindings: BindingView[];
}

/** Newest timeline entries that arrived live, for an open Events tab. */
const LIVE_EVENTS_KEPT = 100;

async function fetchFacts(id: number): Promise<ZoneFacts> {
  const [detail, targets, bindings] = await Promise.all([
    fetchZone(id),
    fetchEffectiveTargets(id),
    fetchBindings(id),
  ]);
  return { detail, targets, bindings };
}

/** The first page of active alerts (100): a farm with more has bigger problems than a badge. */
const fetchActiveAlerts = () =>
  fetchAlerts({ status: 'ACTIVE', severity: null, source: null, zoneId: null, code: '' }, 1);

/** Everything the zone cards show but live values, in one go. */
async function fetchFarm() {
  const [greenhouses, zones, alerts] = await Promise.all([
    fetchGreenhouses(),
    fetchZones(),
    fetchActiveAlerts(),
  ]);
  const facts = await Promise.all(zones.map(async (z) => [z.id, await fetchFacts(z.id)] as const));
  return { greenhouses, zones, alerts, facts: new Map(facts) };
}

/** Crop names: plant by plant id, recipe by revision id. */
async function fetchCropNames() {
  const [plants, recipes] = await Promise.all([fetchPlants(), fetchRecipes()]);
  return {
    plants: new Map(plants.map((p) => [p.id, p.name])),
    recipes: new Map(recipes.flatMap((r) => r.revisions.map((rev) => [rev.id, r.name] as const))),
  };
}

/** The farm's active alerts and the timeline entries that arrived live, kept by zone events. */
export const useZoneActivityStore = defineStore('zoneActivity', () => {
  const activeAlerts = shallowRef<readonly AlertView[]>([]);
  const liveEvents = shallowRef<readonly ZoneEventView[]>([]);

  function takeAlert(alert: AlertView): void {
    const rest = activeAlerts.value.filter((a) => a.id !== alert.id);
    activeAlerts.value = alert.status === 'ACTIVE' ? [alert, ...rest] : rest;
  }

  function takeEvent(event: ZoneEventView): void {
    // A replay after a reconnect may repeat an entry already held.
    if (liveEvents.value.some((e) => e.id === event.id)) return;
    liveEvents.value = [event, ...liveEvents.value].slice(0, LIVE_EVENTS_KEPT);
  }

  const alertsOf = (zoneId: number) => activeAlerts.value.filter((a) => a.zone_id === zoneId);

  return { activeAlerts, liveEvents, takeAlert, takeEvent, alertsOf };
});

/**
 * Greenhouses and zones with what their cards show, and the farm's active alerts: fetched over
 * HTTP, then kept current by zone, cycle, alert and timeline events.
 */
export const useZonesStore = defineStore('zones', () => {
  const liveValues = useLiveValuesStore();
  const activity = useZoneActivityStore();
  const greenhouses = shallowRef<readonly GreenhouseView[]>([]);
  const zones = shallowRef<readonly ZoneView[]>([]);
  const facts = shallowRef<ReadonlyMap<number, ZoneFacts>>(new Map());
  const names = shallowRef<Awaited<ReturnType<typeof fetchCropNames>> | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<LoadError | null>(null);
  let inflight: Promise<void> | null = null;

  const greenhouseName = computed(
    () => new Map(greenhouses.value.map((g) => [g.id, g.name] as const)),
  );

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const farm = await fetchFarm();
      activity.activeAlerts = farm.alerts;
      greenhouses.value = farm.greenhouses;
      zones.value = farm.zones;
      facts.value = farm.facts;
      loaded.value = true;
      error.value = null;
      // Decoration and starting values: the cards are right without them, so failures only warn.
      void fetchCropNames().then((n) => {
        names.value = n;
      }, warn('plant and recipe names'));
      const nodeIds = farm.zones.flatMap((z) =>
        farm.facts.get(z.id)!.detail.nodes.map((n) => n.id),
      );
      void Promise.all(nodeIds.map((id) => liveValues.loadNode(id))).catch(warn('last values'));
    } catch (cause) {
      error.value = toLoadError(cause);
    } finally {
      loading.value = false;
    }
  }

  /** Refetches one zone's cycle, targets and bindings (after a cycle step or a rebind). */
  async function refreshZone(id: number): Promise<void> {
    try {
      const next = await fetchFacts(id);
      facts.value = new Map(facts.value).set(id, next);
      const known = zones.value.some((z) => z.id === id);
      zones.value = known
        ? zones.value.map((z) => (z.id === id ? next.detail : z))
        : [...zones.value, next.detail];
    } catch (cause) {
      error.value = toLoadError(cause);
    }
  }

  /** A zone changed (settings, mode), was deleted, or its cycle moved on (targets change too). */
  function applyEvent(event: ZoneRealtimeEvent): void {
    const deleted = event.event === 'zone.updated' && event.data.zone === null;
    if (deleted) zones.value = zones.value.filter((z) => z.id !== event.data.zone_id);
    else if (loaded.value) void refreshZone(event.data.zone_id);
  }

  const factsOf = (id: number) => facts.value.get(id);
  const cropOf = (id: number) => cropName(facts.value.get(id)?.detail.active_cycle, names.value);

  return {
    greenhouses,
    zones,
    loaded,
    loading,
    error,
    greenhouseName,
    refresh,
    refreshZone,
    applyEvent,
    factsOf,
    cropOf,
  };
});

function cropName(
  cycle: CycleView | null | undefined,
  names: Awaited<ReturnType<typeof fetchCropNames>> | null,
): string | null {
  if (!cycle) return null;
  const plant = cycle.plant_id === null ? undefined : names?.plants.get(cycle.plant_id);
  return plant ?? names?.recipes.get(cycle.recipe_revision_id) ?? null;
}

const warn = (what: string) => (cause: unknown) =>
  console.warn(`Could not load the zones' ${what}`, cause);
