import type { Metric } from './config.js';

/**
 * Is a pH/EC measurement usable for a dosing decision? (reference-domain §4.4, §10.2, safety
 * invariant §11.4: "never dose from a single or stale value".) The caller reads the metric's
 * samples since `windowStart(now, cfg)` from the sample history (not just the last value) and
 * passes them in; the answer is the window median, or why there is none and when to look again.
 *
 * Quality: ingest marks stub (simulated / sensor missing), unstable (`stable:false`) and
 * repaired-timestamp samples `uncertain` (reference §10.1). They never count towards a decision:
 * a dose computed from a placeholder value is exactly the guess fail-closed forbids. A window that
 * would be ready but for them says so (`uncertain`) rather than "not enough samples".
 */

export interface WindowSample {
  ts: number;
  value: number;
  quality: 'good' | 'uncertain' | 'bad';
}

export interface WindowConfig {
  /** Physical range; any sample outside it makes the window unusable (sensor fault). */
  bounds: { min: number; max: number };
  decisionWindowSec: number;
  telemetryPeriodSec: number;
  minSamples: number;
  /** Slope gate: |last − first| / Δt (per second). */
  maxSlopePerSec: number;
  /** The newest sample must be at most this old. */
  maxAgeSec: number;
  /** Retry delays (§4.10): after a freshness failure / after any other window failure. */
  staleRetrySec: number;
  windowRetrySec: number;
}

export type WindowFailure =
  'no_data' | 'stale' | 'uncertain' | 'not_enough_samples' | 'out_of_bounds' | 'unstable';

export type WindowResult =
  | { ok: true; value: number; samples: number; slope: number }
  | {
      ok: false;
      reason: WindowFailure;
      /** Reference event type to log (§9.1). */
      event: 'CORRECTION_SKIPPED_FRESHNESS' | 'CORRECTION_SKIPPED_WINDOW_NOT_READY';
      retryAt: number;
      /** What was seen: sample count, newest sample age or slope, as the reason needs. */
      detail: { samples?: number; ageMs?: number; slope?: number };
    };

const SHARED = {
  decisionWindowSec: 8,
  telemetryPeriodSec: 2,
  minSamples: 3,
  maxAgeSec: 10,
  staleRetrySec: 30,
  windowRetrySec: 10,
};

/** Catalog defaults (§4.4, §4.10). */
export const WINDOW_DEFAULTS: Record<Metric, WindowConfig> = {
  ph: { ...SHARED, bounds: { min: 0, max: 14 }, maxSlopePerSec: 0.04 },
  ec: { ...SHARED, bounds: { min: 0, max: 20 }, maxSlopePerSec: 0.08 },
};

/** `max(period · minSamples, decisionWindow)`, in ms. */
export function effectiveWindowMs(cfg: WindowConfig): number {
  return Math.max(cfg.telemetryPeriodSec * cfg.minSamples, cfg.decisionWindowSec) * 1000;
}

/** Earliest sample time to read: one telemetry period more than the window, so its edge counts. */
export function windowStart(now: number, cfg: WindowConfig): number {
  return now - effectiveWindowMs(cfg) - cfg.telemetryPeriodSec * 1000;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** `(last − first) / Δt` per second over time-ordered samples; 0 when they share one instant. */
export function slopePerSec(sorted: readonly WindowSample[]): number {
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || last.ts === first.ts) return 0;
  return (last.value - first.value) / ((last.ts - first.ts) / 1000);
}

/**
 * Evaluate the window at `now`. `notBefore` excludes earlier samples (e.g. those taken before the
 * probes were activated and stabilised, or before a dose's hold ended).
 */
export function evaluateWindow(
  samples: readonly WindowSample[],
  now: number,
  cfg: WindowConfig,
  notBefore = -Infinity,
): WindowResult {
  const fail = (reason: WindowFailure, detail: Extract<WindowResult, { ok: false }>['detail']) => {
    const freshness = reason === 'no_data' || reason === 'stale';
    return {
      ok: false as const,
      reason,
      event: freshness
        ? ('CORRECTION_SKIPPED_FRESHNESS' as const)
        : ('CORRECTION_SKIPPED_WINDOW_NOT_READY' as const),
      retryAt: now + (freshness ? cfg.staleRetrySec : cfg.windowRetrySec) * 1000,
      detail,
    };
  };
  const from = Math.max(windowStart(now, cfg), notBefore);
  const inWindow = samples.filter((s) => s.ts >= from).sort((a, b) => a.ts - b.ts);
  const newest = samples.reduce<number | null>((m, s) => (m === null || s.ts > m ? s.ts : m), null);
  if (newest === null) return fail('no_data', { samples: 0 });
  // A node clock slightly ahead gives a negative age; that is fresh, not an error.
  const ageMs = Math.max(0, now - newest);
  if (ageMs > cfg.maxAgeSec * 1000) return fail('stale', { ageMs });
  const good = inWindow.filter((s) => s.quality === 'good');
  if (good.length < cfg.minSamples) {
    const reason = inWindow.length >= cfg.minSamples ? 'uncertain' : 'not_enough_samples';
    return fail(reason, { samples: good.length });
  }
  const { min, max } = cfg.bounds;
  if (good.some((s) => !Number.isFinite(s.value) || s.value < min || s.value > max)) {
    return fail('out_of_bounds', { samples: good.length });
  }
  const slope = slopePerSec(good);
  if (Math.abs(slope) > cfg.maxSlopePerSec)
    return fail('unstable', { samples: good.length, slope });
  return { ok: true, value: median(good.map((s) => s.value)), samples: good.length, slope };
}
