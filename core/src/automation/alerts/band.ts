/**
 * Out-of-band alert detection with hysteresis (reference-domain §9.2 "hysteresis pattern (use
 * everywhere in the port): condition must persist ≥ N min to raise; the first normal sample
 * resolves"), as a state machine the alert engine feeds sample by sample and persists per
 * (zone, metric). It raises when a value stays outside the band by more than `enterMargin` for at
 * least `enterDelayMs`, and resolves once a value is back inside by `clearMargin`.
 *
 * Only solution temperature is implemented in the reference (§6.4 [code]: 10 min delay, first
 * in-range sample resolves). The pH/EC/air/humidity alerts exist only as catalog codes (§9.3 [doc]);
 * their bands come from the phase (pH/EC min–max; air temperature target ± 2 °C and humidity
 * target ± 15 % as the docs suggest), with the same 10 min delay.
 */

export type BandMetric = 'ph' | 'ec' | 'air_temp' | 'humidity' | 'solution_temp';
export type Side = 'high' | 'low';

export interface Band {
  min: number;
  max: number;
}

export interface BandAlertConfig {
  /** How far outside the band a value must be to count as out (> margin). */
  enterMargin: number;
  /** How long it must stay out before the alert is raised. */
  enterDelayMs: number;
  /** How far back inside the band a value must be to resolve (0: first in-band sample). */
  clearMargin: number;
}

export type BandState =
  | { status: 'normal'; lastTs: number | null }
  | { status: 'pending'; side: Side; since: number; lastTs: number }
  | { status: 'active'; side: Side; since: number; lastTs: number };

export interface BandSample {
  ts: number;
  value: number;
  quality: 'good' | 'uncertain' | 'bad';
}

export type BandEvent =
  | { kind: 'raise'; code: string; side: Side; value: number; since: number; at: number }
  | { kind: 'resolve'; code: string; side: Side; value: number; at: number };

export interface BandStep {
  state: BandState;
  /** Zero, one, or two events (a jump from one side straight past the other resolves and raises). */
  events: BandEvent[];
}

export const INITIAL_BAND_STATE: BandState = { status: 'normal', lastTs: null };

const TEN_MINUTES_MS = 600_000;

/**
 * Defaults per metric. Solution temperature is [code] (§6.4). The clear margins of the others are
 * ours: a small step back inside the band so a value dithering on the limit does not raise and
 * resolve the same alert every few minutes.
 */
export const BAND_ALERT_DEFAULTS: Record<BandMetric, BandAlertConfig> = {
  ph: { enterMargin: 0, enterDelayMs: TEN_MINUTES_MS, clearMargin: 0.05 },
  ec: { enterMargin: 0, enterDelayMs: TEN_MINUTES_MS, clearMargin: 0.05 },
  air_temp: { enterMargin: 0, enterDelayMs: TEN_MINUTES_MS, clearMargin: 0.5 },
  humidity: { enterMargin: 0, enterDelayMs: TEN_MINUTES_MS, clearMargin: 2 },
  solution_temp: { enterMargin: 0, enterDelayMs: TEN_MINUTES_MS, clearMargin: 0 },
};

/** Half-widths of the bands built around a target (docs: temperature ±2 °C, RH ±15 %). */
export const TARGET_BAND_HALF_WIDTH = { air_temp: 2, humidity: 15 } as const;

/** Catalog codes (§9.3). */
export const BAND_ALERT_CODES: Record<BandMetric, Record<Side, string>> = {
  ph: { high: 'biz_high_ph', low: 'biz_low_ph' },
  ec: { high: 'biz_high_ec', low: 'biz_low_ec' },
  air_temp: { high: 'biz_high_temp', low: 'biz_low_temp' },
  humidity: { high: 'biz_high_humidity', low: 'biz_low_humidity' },
  solution_temp: { high: 'biz_solution_temp_high', low: 'biz_solution_temp_low' },
};

/** `target ± halfWidth`. */
export function bandAround(target: number, halfWidth: number): Band {
  return { min: target - halfWidth, max: target + halfWidth };
}

/** Solution temperature band: missing min/max fall back to the target (§6.4); null if none. */
export function solutionTempBand(
  target: number | null,
  min: number | null,
  max: number | null,
): Band | null {
  const lo = min ?? target;
  const hi = max ?? target;
  return lo === null || hi === null ? null : { min: lo, max: hi };
}

function outside(band: Band, cfg: BandAlertConfig, value: number): Side | null {
  if (value > band.max + cfg.enterMargin) return 'high';
  if (value < band.min - cfg.enterMargin) return 'low';
  return null;
}

function cleared(band: Band, cfg: BandAlertConfig, side: Side, value: number): boolean {
  return side === 'high'
    ? value <= band.max - cfg.clearMargin
    : value >= band.min + cfg.clearMargin;
}

/**
 * Feed one sample. Samples that cannot be judged change nothing: not newer than the last one
 * (replays, out-of-order batches), not finite, not `good` quality (stub/simulated/unstable values
 * never raise or resolve), or an invalid band.
 */
export function bandStep(
  metric: BandMetric,
  cfg: BandAlertConfig,
  band: Band,
  state: BandState,
  sample: BandSample,
): BandStep {
  const judgeable =
    (state.lastTs === null || sample.ts > state.lastTs) &&
    Number.isFinite(sample.value) &&
    sample.quality === 'good' &&
    band.min <= band.max;
  if (!judgeable) return { state, events: [] };
  const { ts, value } = sample;
  const events: BandEvent[] = [];
  let current: BandState = state;
  if (current.status === 'active') {
    if (!cleared(band, cfg, current.side, value)) {
      return { state: { ...current, lastTs: ts }, events };
    }
    events.push({
      kind: 'resolve',
      code: BAND_ALERT_CODES[metric][current.side],
      side: current.side,
      value,
      at: ts,
    });
    current = { status: 'normal', lastTs: ts };
  }
  const side = outside(band, cfg, value);
  if (side === null) return { state: { status: 'normal', lastTs: ts }, events };
  const since = current.status === 'pending' && current.side === side ? current.since : ts;
  if (ts - since >= cfg.enterDelayMs) {
    events.push({
      kind: 'raise',
      code: BAND_ALERT_CODES[metric][side],
      side,
      value,
      since,
      at: ts,
    });
    return { state: { status: 'active', side, since, lastTs: ts }, events };
  }
  return { state: { status: 'pending', side, since, lastTs: ts }, events };
}
