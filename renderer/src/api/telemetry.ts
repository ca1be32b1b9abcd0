import { z } from 'zod';
import { apiUrl, getData } from './http.js';

/** One bucket of a history series: min/avg/max of `count` samples starting at `ts`. */
const PointSchema = z.object({
  ts: z.number(),
  min: z.number(),
  avg: z.number(),
  max: z.number(),
  count: z.number(),
});
export type HistoryPoint = z.infer<typeof PointSchema>;

const SeriesSchema = z.object({
  node_id: z.number(),
  channel: z.string(),
  /** Which stored resolution answered: raw samples or a 1 min / 1 h / 1 d rollup. */
  source: z.enum(['raw', '1m', '1h', '1d']),
  step_ms: z.number(),
  points: z.array(PointSchema),
});
export type HistorySeries = z.infer<typeof SeriesSchema>;

const HistorySchema = z.object({ from: z.number(), to: z.number(), series: z.array(SeriesSchema) });

export interface SeriesKey {
  nodeId: number;
  channel: string;
}

export const seriesId = (key: SeriesKey): string => `${key.nodeId}:${key.channel}`;

/** Parses `node:channel`; null for anything else (e.g. a hand-edited URL). */
export function parseSeriesId(id: string): SeriesKey | null {
  const match = /^(\d+):([a-z0-9_]+)$/.exec(id);
  return match ? { nodeId: Number(match[1]), channel: match[2]! } : null;
}

/**
 * Bucketed history of several series over one range. The core picks the resolution so that no
 * series has more than `points` points, so a month never arrives as raw samples.
 */
export async function fetchHistory(
  series: readonly SeriesKey[],
  fromMs: number,
  toMs: number,
  points: number,
): Promise<HistorySeries[]> {
  const url = apiUrl('/api/telemetry/history', {
    series: series.map(seriesId).join(','),
    from: Math.floor(fromMs),
    to: Math.ceil(toMs),
    points: Math.round(points),
  });
  return (await getData(url, HistorySchema)).series;
}

/** Where the browser downloads the raw samples of one series as CSV. */
export function exportCsvUrl(key: SeriesKey, fromMs: number, toMs: number): string {
  return apiUrl('/api/telemetry/export.csv', {
    node_id: key.nodeId,
    channel: key.channel,
    from: Math.floor(fromMs),
    to: Math.ceil(toMs),
  });
}
