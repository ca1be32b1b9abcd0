import type { HistoryPoint } from '../../api/telemetry.js';

/** `[time, value]`, with null values where the line must break (no data there). */
export type Pair = [number, number | null];

export interface BandData {
  /** The bottom of the min–max band. */
  lower: Pair[];
  /** max − min, stacked on `lower` so the filled area spans min..max. */
  spread: Pair[];
  avg: Pair[];
}

/**
 * Chart data for one series: an average line over a min–max band. Where data is missing for
 * clearly longer than usual (a node offline, a gap in history) a null breaks the lines instead
 * of drawing a straight bridge across time nobody measured. "Usual" is the larger of two bucket
 * steps and three typical spacings: raw buckets are far narrower than a sensor's poll interval.
 */
export function toBand(points: readonly HistoryPoint[], stepMs: number): BandData {
  const band: BandData = { lower: [], spread: [], avg: [] };
  const gap = gapThreshold(points, stepMs);
  let previous: number | null = null;
  for (const p of points) {
    if (previous !== null && p.ts - previous > gap) {
      const at = previous + stepMs;
      band.lower.push([at, null]);
      band.spread.push([at, null]);
      band.avg.push([at, null]);
    }
    band.lower.push([p.ts, p.min]);
    band.spread.push([p.ts, p.max - p.min]);
    band.avg.push([p.ts, p.avg]);
    previous = p.ts;
  }
  return band;
}

function gapThreshold(points: readonly HistoryPoint[], stepMs: number): number {
  const spacings = points
    .slice(1)
    .map((p, i) => p.ts - points[i]!.ts)
    .sort((a, b) => a - b);
  const typical = spacings[Math.floor((spacings.length - 1) / 2)] ?? 0;
  return Math.max(2 * stepMs, 3 * typical);
}

/**
 * The whole-range series with the zoomed window replaced by finer buckets fetched for it, so
 * zooming in shows detail while the overview outside the window stays as it was.
 */
export function withDetail(
  coarse: readonly HistoryPoint[],
  detail: readonly HistoryPoint[],
  from: number,
  to: number,
): HistoryPoint[] {
  return [
    ...coarse.filter((p) => p.ts < from),
    ...detail.filter((p) => p.ts >= from && p.ts < to),
    ...coarse.filter((p) => p.ts >= to),
  ];
}
