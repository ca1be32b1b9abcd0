import type { NodeView } from '@contracts/devices.js';
import { seriesId } from '@/api/telemetry';

/** Sensor metrics measured in at least one zone, each with how many zones measure it. */
export function comparableMetrics(nodes: readonly NodeView[]): Map<string, number> {
  const zonesOf = new Map<string, Set<number>>();
  for (const node of nodes) {
    if (node.zone_id === null) continue;
    for (const c of node.channels) {
      if (c.type !== 'SENSOR' || !c.metric) continue;
      const zones = zonesOf.get(c.metric) ?? new Set<number>();
      zones.add(node.zone_id);
      zonesOf.set(c.metric, zones);
    }
  }
  return new Map([...zonesOf].map(([metric, zones]) => [metric, zones.size]));
}

/**
 * The series that compare one metric across zones: every sensor channel measuring it on a node
 * of a zone, in zone order, at most `max` (the core's limit per query).
 */
export function seriesForMetric(nodes: readonly NodeView[], metric: string, max: number): string[] {
  return nodes
    .filter((n) => n.zone_id !== null)
    .sort((a, b) => a.zone_id! - b.zone_id! || a.id - b.id)
    .flatMap((n) =>
      n.channels
        .filter((c) => c.type === 'SENSOR' && c.metric === metric)
        .map((c) => seriesId({ nodeId: n.id, channel: c.channel })),
    )
    .slice(0, max);
}
