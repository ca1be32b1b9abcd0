import { computed, type ComputedRef } from 'vue';
import type { AlertView } from '@contracts/alerts.js';
import type { NodeView } from '@contracts/devices.js';
import type { ZoneView } from '@contracts/zones.js';
import { useLiveValuesStore, type LiveValue } from '@/stores/live-values';
import { useNodesStore } from '@/stores/nodes';
import { useZoneActivityStore, useZonesStore, type ZoneFacts } from '@/stores/zones';
import { assessZone, type ZoneAssessment } from './zone-health';
import {
  BAND_TONES,
  HEADLINES,
  STALE_MS,
  TANKS,
  bandOf,
  bandState,
  sourceOf,
  tankLevel,
  type Band,
  type BandState,
  type Headline,
  type ReadingSource,
  type TankLevel,
  type TankName,
} from './zone-readings';
import type { Tone } from '../status-tones';

export interface Reading {
  key: Headline;
  metric: string;
  unit: string;
  source: ReadingSource | null;
  value: number | null;
  ts: number | null;
  stale: boolean;
  band: Band | null;
  state: BandState;
  tone: Tone;
}

/** Everything a zone card or header shows about a zone, as of `now`. */
export interface ZoneState {
  zone: ZoneView;
  facts: ZoneFacts | undefined;
  nodes: NodeView[];
  readings: Reading[];
  tanks: { name: TankName; level: TankLevel }[];
  offline: number;
  alerts: AlertView[];
  assessment: ZoneAssessment;
}

type Live = (nodeId: number, channel: string) => LiveValue | undefined;

function readZone(
  zone: ZoneView,
  facts: ZoneFacts | undefined,
  nodes: NodeView[],
  alerts: AlertView[],
  live: Live,
  now: number,
): ZoneState {
  const bindings = facts?.bindings ?? [];
  const readings = HEADLINES.map((spec): Reading => {
    const source = sourceOf(spec.role, bindings, nodes, spec.metric, spec.nodeTypes);
    const held = source ? live(source.nodeId, source.channel) : undefined;
    const stale = held !== undefined && now - held.ts > STALE_MS;
    const band = bandOf(spec.key, facts?.targets);
    const state = stale ? 'none' : bandState(held?.value ?? null, band);
    const { key, metric, unit } = spec;
    const [value, ts] = [held?.value ?? null, held?.ts ?? null];
    return { key, metric, unit, source, value, ts, stale, band, state, tone: BAND_TONES[state] };
  });
  const tanks = (Object.keys(TANKS) as TankName[]).flatMap((name) => {
    const [min, max] = TANKS[name].map((role) => {
      const source = sourceOf(role, bindings, nodes);
      return source ? live(source.nodeId, source.channel) : undefined;
    });
    return min || max ? [{ name, level: tankLevel(min?.value, max?.value) }] : [];
  });
  const offline = nodes.filter((n) => n.status !== 'online').length;
  const assessment = assessZone(readings, alerts, nodes.length, offline);
  return { zone, facts, nodes, readings, tanks, offline, alerts, assessment };
}

/** Every zone's state, worst first (the dashboard lists problems before calm zones). */
export function useZoneStates(now: () => number): ComputedRef<ZoneState[]> {
  const zones = useZonesStore();
  const activity = useZoneActivityStore();
  const nodes = useNodesStore();
  const live = useLiveValuesStore();
  return computed(() =>
    zones.zones
      .map((zone) =>
        readZone(
          zone,
          zones.factsOf(zone.id),
          nodes.nodes.filter((n) => n.zone_id === zone.id),
          activity.alertsOf(zone.id),
          live.get,
          now(),
        ),
      )
      .sort(
        (a, b) => b.assessment.score - a.assessment.score || a.zone.name.localeCompare(b.zone.name),
      ),
  );
}

/** One zone's state, or null until the zone list has it. */
export function useZoneState(zoneId: () => number, now: () => number) {
  const zones = useZonesStore();
  const activity = useZoneActivityStore();
  const nodes = useNodesStore();
  const live = useLiveValuesStore();
  return computed((): ZoneState | null => {
    const zone = zones.zones.find((z) => z.id === zoneId());
    if (!zone) return null;
    const own = nodes.nodes.filter((n) => n.zone_id === zone.id);
    return readZone(zone, zones.factsOf(zone.id), own, activity.alertsOf(zone.id), live.get, now());
  });
}
