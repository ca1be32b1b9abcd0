import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { fetchLastValues } from '../api/nodes.js';
import { seriesId } from '../api/telemetry.js';

type TelemetryEvent = Extract<RealtimeEvent, { event: 'telemetry.batch.updated' }>;

export interface LiveValue {
  value: number;
  ts: number;
  metricType: string;
  quality: string;
}

/**
 * The latest reading per node channel: the core's last-value table first, then every accepted
 * sample from `telemetry.batch.updated`. A reading older than the one held never replaces it, as
 * in the core's own last-value table.
 */
export const useLiveValuesStore = defineStore('liveValues', () => {
  const values = shallowRef<ReadonlyMap<string, LiveValue>>(new Map());

  function get(nodeId: number, channel: string): LiveValue | undefined {
    return values.value.get(seriesId({ nodeId, channel }));
  }

  async function loadNode(nodeId: number): Promise<void> {
    const rows = await fetchLastValues(nodeId);
    put(
      rows.map((row) => ({
        key: seriesId({ nodeId, channel: row.channel }),
        reading: {
          value: row.value,
          ts: row.ts,
          metricType: row.metric_type,
          quality: row.quality,
        },
      })),
    );
  }

  function applyEvent(event: TelemetryEvent): void {
    put(
      event.data.updates.map((u) => ({
        key: seriesId({ nodeId: u.node_id, channel: u.channel }),
        reading: { value: u.value, ts: u.ts, metricType: u.metric_type, quality: u.quality },
      })),
    );
  }

  function put(readings: { key: string; reading: LiveValue }[]): void {
    let next: Map<string, LiveValue> | null = null;
    for (const { key, reading } of readings) {
      const held = (next ?? values.value).get(key);
      if (held && held.ts >= reading.ts) continue;
      next ??= new Map(values.value);
      next.set(key, reading);
    }
    if (next) values.value = next;
  }

  return { values, get, loadNode, applyEvent };
});
