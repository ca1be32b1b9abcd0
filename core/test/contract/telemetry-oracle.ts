import type { SeriesPoint } from '../../src/storage/telemetry-history.js';
import type { SampleInput } from '../../src/storage/types.js';
import { planBuckets, RESOLUTION_MS } from '../../src/telemetry/resolution.js';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Midnight UTC, past 2^31 ms, so day buckets start exactly here. */
export const DAY0 = Date.UTC(2026, 10, 27);

/** A small deterministic generator (LCG), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => (a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * Random samples of one node over [from, from + span), across the given channels, with about 5 %
 * repeated (node, channel, ts) keys carrying a different value (QoS 1 redeliveries, and a check
 * that the first stored value wins).
 */
export function randomSamples(
  nodeId: number,
  channels: string[],
  count: number,
  from: number,
  span: number,
  seed = 1,
): SampleInput[] {
  const random = seeded(seed);
  const out: SampleInput[] = [];
  for (let i = 0; i < count; i++) {
    const s: SampleInput = {
      nodeId,
      zoneId: null,
      channel: channels[Math.floor(random() * channels.length)]!,
      metricType: 'PH',
      ts: from + Math.floor(random() * span),
      value: Math.round((4 + random() * 4) * 1e6) / 1e6,
      quality: random() < 0.1 ? 'uncertain' : 'good',
    };
    out.push(s);
    if (random() < 0.05) out.push({ ...s, value: s.value + 1 });
  }
  return out;
}

/** A shuffled copy (seeded), so batches arrive out of time order. */
export function shuffled<T>(items: T[], seed = 2): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What the store must hold after inserting `samples` in order: the first of each key, by ts. */
export function storedOf(samples: SampleInput[]): SampleInput[] {
  const first = new Map<string, SampleInput>();
  for (const s of samples) {
    const key = `${s.nodeId}\u0000${s.channel}\u0000${s.ts}`;
    if (!first.has(key)) first.set(key, s);
  }
  return [...first.values()].sort((a, b) => a.ts - b.ts);
}

interface Acc {
  ts: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

function group(samples: SampleInput[], keyOf: (s: SampleInput) => number): Acc[] {
  const buckets = new Map<number, Acc>();
  for (const s of samples) {
    const ts = keyOf(s);
    const b = buckets.get(ts);
    if (!b) buckets.set(ts, { ts, min: s.value, max: s.value, sum: s.value, count: 1 });
    else {
      b.min = Math.min(b.min, s.value);
      b.max = Math.max(b.max, s.value);
      b.sum += s.value;
      b.count++;
    }
  }
  return [...buckets.values()].sort((a, b) => a.ts - b.ts);
}

const points = (accs: Acc[]): SeriesPoint[] =>
  accs.map(({ ts, min, max, sum, count }) => ({ ts, min, avg: sum / count, max, count }));

/**
 * The series a store must answer, recomputed from one channel's stored raw samples: the plan of
 * telemetry/resolution.ts, raw samples of [from, to) or whole source buckets starting in
 * [origin, to), merged into steps counted from the origin.
 */
export function expectedSeries(
  stored: SampleInput[],
  q: { fromMs: number; toMs: number; budget: number },
): { source: string; stepMs: number; points: SeriesPoint[] } {
  const plan = planBuckets(q.fromMs, q.toMs, q.budget);
  const origin = plan.originMs;
  const stepOf = (t: number) => origin + Math.floor((t - origin) / plan.stepMs) * plan.stepMs;
  if (plan.source === 'raw') {
    const inRange = stored.filter((s) => s.ts >= q.fromMs && s.ts < q.toMs);
    return { ...plan, points: points(group(inRange, (s) => stepOf(s.ts))) };
  }
  const width = RESOLUTION_MS[plan.source];
  const bucketOf = (s: SampleInput) => Math.floor(s.ts / width) * width;
  const inRange = stored.filter((s) => bucketOf(s) >= origin && bucketOf(s) < q.toMs);
  return { ...plan, points: points(group(inRange, (s) => stepOf(bucketOf(s)))) };
}

/** Distinct (node, channel, bucket) rollup rows of `width` that start before `before`. */
export function rollupRowsBefore(stored: SampleInput[], width: number, before: number): number {
  const keys = new Set<string>();
  for (const s of stored) {
    const bucket = Math.floor(s.ts / width) * width;
    if (bucket < before) keys.add(`${s.nodeId}\u0000${s.channel}\u0000${bucket}`);
  }
  return keys.size;
}

/** Compare series points: bucket, min, max and count exactly, the average to 1e-9. */
export function pointsMatch(actual: SeriesPoint[], expected: SeriesPoint[]): string | null {
  if (actual.length !== expected.length)
    return `${actual.length} points, expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const exact = a.ts === e.ts && a.min === e.min && a.max === e.max && a.count === e.count;
    if (!exact || Math.abs(a.avg - e.avg) > 1e-9)
      return `point ${i}: ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`;
  }
  return null;
}
