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
  /**
   * Where the first point starts: the range start snapped down to the source grid, since a
   * rollup bucket cannot be split. Points count from here, `stepMs` apart.
   */
  originMs: number;
}

/**
 * The finest source whose buckets, merged up to `stepMs`, fit the budget. Raw data is used only
 * when even 1-minute buckets would be too coarse to be useful, i.e. the range is short.
 */
export function planBuckets(fromMs: number, toMs: number, budget: number): BucketPlan {
  const points = Math.max(1, budget);
  const source = sourceFor(Math.ceil(Math.max(1, toMs - fromMs) / points));
  const resolution = source === 'raw' ? 1 : RESOLUTION_MS[source];
  const originMs = Math.floor(fromMs / resolution) * resolution;
  // The step covers the span from the snapped origin, which may be up to one bucket longer than
  // the range asked for: sized on the range alone, a misaligned start could add a point.
  const wanted = Math.ceil(Math.max(1, toMs - originMs) / points);
  return { source, stepMs: Math.ceil(wanted / resolution) * resolution, originMs };
}

function sourceFor(wantedStepMs: number): Source {
  if (wantedStepMs < RESOLUTION_MS['1m']) return 'raw';
  if (wantedStepMs < RESOLUTION_MS['1h']) return '1m';
  if (wantedStepMs < RESOLUTION_MS['1d']) return '1h';
  return '1d';
}
