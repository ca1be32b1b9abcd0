/**
 * Which stored resolution answers a history query, and how wide its buckets are, so that a
 * series never has more than `budget` points (field-notes: charts must not receive raw weeks).
 */
export type Source = 'raw' | '1m' | '1h' | '1d';

export const RESOLUTION_MS: Record<Exclude<Source, 'raw'>, number> = {
  '1m': 60_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

export interface BucketPlan {
  source: Source;
  /** Width of each returned point in ms (a multiple of the source resolution). */
  stepMs: number;
}

/**
 * The finest source whose buckets, merged up to `stepMs`, fit the budget. Raw data is used only
 * when even 1-minute buckets would be too coarse to be useful, i.e. the range is short.
 */
export function planBuckets(fromMs: number, toMs: number, budget: number): BucketPlan {
  const range = Math.max(1, toMs - fromMs);
  const wanted = Math.ceil(range / Math.max(1, budget));
  if (wanted < RESOLUTION_MS['1m']) return { source: 'raw', stepMs: Math.max(1, wanted) };
  for (const source of ['1m', '1h', '1d'] as const) {
    const resolution = RESOLUTION_MS[source];
    const next =
      source === '1m' ? RESOLUTION_MS['1h'] : source === '1h' ? RESOLUTION_MS['1d'] : Infinity;
    if (wanted < next) return { source, stepMs: Math.ceil(wanted / resolution) * resolution };
  }
  return { source: '1d', stepMs: Math.ceil(wanted / RESOLUTION_MS['1d']) * RESOLUTION_MS['1d'] };
}
