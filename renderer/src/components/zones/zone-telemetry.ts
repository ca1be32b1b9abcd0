import type { NodeView } from '@contracts/devices.js';
import type { HistorySeries, SeriesKey } from '../../api/telemetry.js';
import type { LiveValue } from '../../stores/live-values.js';

/** Sensor channels of the zone's nodes other than the given ones, for the "other readings" chart. */
export function otherSensors(nodes: readonly NodeView[], taken: readonly SeriesKey[]): SeriesKey[] {
  const isTaken = (k: SeriesKey) =>
    taken.some((t) => t.nodeId === k.nodeId && t.channel === k.channel);
  return nodes.flatMap((node) =>
    node.channels
      .filter((c) => c.type === 'SENSOR')
      .map((c) => ({ nodeId: node.id, channel: c.channel }))
      .filter((k) => !isTaken(k)),
  );
}

/** How many points a live view keeps at most before dropping the oldest (field-notes §2e). */
const LIVE_CAP = 5000;

/**
 * The series with a live reading appended as a one-sample bucket, if it is newer than the last
 * point; the window start drops what scrolled out.
 */
export function appendLive(series: HistorySeries, reading: LiveValue, from: number): HistorySeries {
  const last = series.points.at(-1);
  if (last && last.ts >= reading.ts) return series;
  const point = {
    ts: reading.ts,
    min: reading.value,
    avg: reading.value,
    max: reading.value,
    count: 1,
  };
  const kept = series.points.filter((p) => p.ts >= from);
  return { ...series, points: [...kept.slice(-(LIVE_CAP - 1)), point] };
}
