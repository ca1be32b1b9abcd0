/** Range presets of the history page (reference-backend-ui.md §4.4: 1H | 24H | 7D | 30D). */
export const RANGE_PRESETS = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
} as const;

export type RangePreset = keyof typeof RANGE_PRESETS;

/** A preset ending now, or a fixed custom window. */
export type HistoryRange = { preset: RangePreset } | { from: number; to: number };

export interface Window {
  from: number;
  to: number;
}

const isPreset = (value: string): value is RangePreset => Object.hasOwn(RANGE_PRESETS, value);

/** The window a range covers at `now`. */
export function resolveRange(range: HistoryRange, now: number): Window {
  if ('preset' in range) return { from: now - RANGE_PRESETS[range.preset], to: now };
  return { from: range.from, to: range.to };
}

/** The range a URL query holds (`range=24h`, or `from`/`to` in ms); 24 h when it holds none. */
export function rangeFromQuery(query: Record<string, unknown>): HistoryRange {
  const { range, from, to } = query;
  if (typeof range === 'string' && isPreset(range)) return { preset: range };
  const start = Number(from);
  const end = Number(to);
  if (Number.isFinite(start) && Number.isFinite(end) && end > start && start > 0) {
    return { from: start, to: end };
  }
  return { preset: '24h' };
}

export function rangeToQuery(range: HistoryRange): Record<string, string> {
  if ('preset' in range) return { range: range.preset };
  return { from: String(range.from), to: String(range.to) };
}
