import type { Health } from '@contracts/health.js';

/** The figures of the System page's throughput strip, read from component metrics. */
export interface Throughput {
  /** Samples written to the store per second over the last seconds; null until measurable. */
  ingestPerSecond: number | null;
  /** Messages waiting in ingest plus samples waiting for the next write. */
  queueDepth: number | null;
  /** MQTT connections on the embedded broker (the nodes and the core itself). */
  brokerClients: number | null;
}

export interface CounterSample {
  /** Core time of the snapshot, in ms. */
  at: number;
  written: number;
}

function metric(health: Health, component: string, name: string): number | null {
  const value = health.components.find((c) => c.name === component)?.metrics[name];
  return typeof value === 'number' ? value : null;
}

/** The ingest counter of a snapshot, stamped with the core's time. */
export function counterOf(health: Health): CounterSample | null {
  const written = metric(health, 'devices', 'samples_written');
  if (written === null) return null;
  return { at: Date.parse(health.started_at) + health.uptime_s * 1000, written };
}

/**
 * Samples per second written over the last `windowMs` up to `now` (core time). The core sends a
 * health snapshot whenever a metric changes, so between two snapshots the counter held still and
 * the latest one is still true at `now`. The rate runs from the last reading at or before the
 * window start (the first reading when there is none); null until that spans a second.
 */
export function rateOver(
  samples: readonly CounterSample[],
  now: number,
  windowMs: number,
): number | null {
  const last = samples.at(-1);
  if (!last) return null;
  const base = samples.findLast((s) => s.at <= now - windowMs) ?? samples[0]!;
  const seconds = (now - base.at) / 1000;
  if (seconds < 1) return null;
  return (last.written - base.written) / seconds;
}

/** Adds a reading, keeping what a rate over `keepMs` needs; a lower counter means a restart. */
export function addSample(
  samples: readonly CounterSample[],
  sample: CounterSample,
  keepMs: number,
): CounterSample[] {
  const last = samples.at(-1);
  if (last && (sample.written < last.written || sample.at < last.at)) return [sample];
  const base = samples.findLast((s) => s.at <= sample.at - keepMs);
  return [...samples.filter((s) => s.at > sample.at - keepMs || s === base), sample];
}

export function throughputOf(health: Health, rate: number | null): Throughput {
  const queue = metric(health, 'devices', 'queue');
  const pending = metric(health, 'devices', 'samples_pending');
  return {
    ingestPerSecond: rate,
    queueDepth: queue === null && pending === null ? null : (queue ?? 0) + (pending ?? 0),
    brokerClients: metric(health, 'broker', 'clients'),
  };
}
