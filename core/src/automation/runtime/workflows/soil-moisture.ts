import type { ZoneSettings } from '../../../contracts/zones.js';
import type { ZoneIo } from '../zone-io.js';

/** reference-domain §5.3 `smart_soil_v1` defaults. */
export const SOIL_LOOKBACK_MS = 1_800_000;
export const SOIL_STALE_MS = 600_000;
export const SOIL_MIN_SAMPLES = 3;
export const SOIL_HYSTERESIS_PCT = 2;

/** What the soil decision needs: the zone's target band and the sensor's recent mean. */
export interface SoilReading {
  /** null: no target (both bounds, min below max) in the zone's irrigation settings. */
  target: { min: number; max: number } | null;
  /** Mean of the good samples of the lookback; null when there are too few or they are stale. */
  mean: number | null;
  samples: number;
}

/**
 * The soil-moisture sensor's good samples over the lookback: their mean when there are at least
 * three and the newest is under ten minutes old, else none. No sensor bound reads as no data.
 */
export async function readSoil(
  io: ZoneIo,
  settings: ZoneSettings,
  now: number,
): Promise<SoilReading> {
  const min = settings.irrigation?.soil_moisture_min_pct;
  const max = settings.irrigation?.soil_moisture_max_pct;
  const target = min !== undefined && max !== undefined && min < max ? { min, max } : null;
  const good = (await io.samples('soil_moisture_sensor', now - SOIL_LOOKBACK_MS)).filter(
    (s) => s.quality === 'good',
  );
  const newest = good.at(-1);
  const fresh = newest !== undefined && now - newest.ts <= SOIL_STALE_MS;
  const enough = fresh && good.length >= SOIL_MIN_SAMPLES;
  const mean = enough ? good.reduce((sum, s) => sum + s.value, 0) / good.length : null;
  return { target, mean, samples: good.length };
}

/**
 * §5.3: below the band by more than the hysteresis ⇒ run; otherwise skip, above the band or
 * within it. Missing target or data ⇒ a degraded run (irrigating blind beats drying out).
 */
export function soilDecision(soil: SoilReading): {
  outcome: 'run' | 'skip' | 'degraded_run';
  reason_code: string;
} {
  if (soil.target === null) return { outcome: 'degraded_run', reason_code: 'soil_target_missing' };
  if (soil.mean === null) return { outcome: 'degraded_run', reason_code: 'soil_moisture_stale' };
  if (soil.mean < soil.target.min - SOIL_HYSTERESIS_PCT)
    return { outcome: 'run', reason_code: 'soil_below_target' };
  if (soil.mean > soil.target.max + SOIL_HYSTERESIS_PCT)
    return { outcome: 'skip', reason_code: 'soil_above_target' };
  return { outcome: 'skip', reason_code: 'soil_within_target' };
}
