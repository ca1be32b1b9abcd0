import type { DayNight } from '../contracts/recipes.js';
import type { EffectiveTargets } from '../contracts/zones.js';
import type { CyclePhaseRecord, ZoneRecord } from '../storage/domain-types.js';
import { iso } from './views.js';

/**
 * Effective targets (reference-domain §3.4). Chemistry (pH, EC) comes only from the running
 * cycle's current phase snapshot: no override may change it, and without a phase it is null so
 * correction fails closed. Irrigation, lighting and climate start from the phase and the zone's
 * settings override them field by field (the zone logic profile step; the cycle override layers
 * of the reference do not exist yet). Pure: the caller passes the time and the time zone.
 */
export interface TargetInputs {
  zone: ZoneRecord;
  /** The greenhouse's IANA time zone: day/night and light windows are local time. */
  timezone: string;
  /** The current phase of the zone's RUNNING or PAUSED cycle, if any. */
  cycle: { id: number; phase: CyclePhaseRecord } | null;
  now: number;
}

export function effectiveTargets({ zone, timezone, cycle, now }: TargetInputs): EffectiveTargets {
  const phase = cycle?.phase ?? null;
  const settings = zone.settings;
  const overridden: string[] = [];
  const { irrigation, lighting, climate } = overridable(phase, settings, overridden);
  const dayNight = phase?.dayNightEnabled ? phase.dayNight : null;
  const minutes = localMinutes(now, timezone);
  const period = dayNight
    ? windowPeriod(minutes, dayNight.day_start_time, dayNight.day_hours)
    : lighting.start_time !== null && lighting.photoperiod_hours !== null
      ? windowPeriod(minutes, lighting.start_time, lighting.photoperiod_hours)
      : 'day';
  return {
    zone_id: zone.id,
    cycle_id: cycle?.id ?? null,
    phase: phase && {
      phase_index: phase.phaseIndex,
      name: phase.name,
      started_at: iso(phase.startedAt),
    },
    period,
    ph: phase && chemistry(dayNight?.ph, period, [phase.phTarget, phase.phMin, phase.phMax]),
    ec: phase && chemistry(dayNight?.ec, period, [phase.ecTarget, phase.ecMin, phase.ecMax]),
    nutrition: phase && {
      ratios_pct: {
        npk: phase.nutrientNpkRatioPct,
        calcium: phase.nutrientCalciumRatioPct,
        magnesium: phase.nutrientMagnesiumRatioPct,
        micro: phase.nutrientMicroRatioPct,
      },
      product_ids: {
        npk: phase.nutrientNpkProductId,
        calcium: phase.nutrientCalciumProductId,
        magnesium: phase.nutrientMagnesiumProductId,
        micro: phase.nutrientMicroProductId,
      },
    },
    irrigation,
    lighting,
    climate: {
      ...climate,
      temp_air_target: period === 'day' ? climate.temp_air_day : climate.temp_air_night,
      humidity_target: period === 'day' ? climate.humidity_day : climate.humidity_night,
    },
    tanks: {
      clean_volume_l: settings.tanks?.clean_volume_l ?? null,
      solution_volume_l: settings.tanks?.solution_volume_l ?? null,
    },
    overridden,
    computed_at: iso(now),
  };
}

/** Irrigation, lighting and climate: the phase's values, then the zone's overrides. */
function overridable(
  phase: CyclePhaseRecord | null,
  settings: ZoneRecord['settings'],
  overridden: string[],
) {
  return {
    irrigation: merge(
      'irrigation',
      {
        mode: phase?.irrigationMode ?? null,
        interval_sec: phase?.irrigationIntervalSec ?? null,
        duration_sec: phase?.irrigationDurationSec ?? null,
      },
      settings.irrigation,
      overridden,
    ),
    lighting: merge(
      'lighting',
      {
        photoperiod_hours: phase?.lightingPhotoperiodHours ?? null,
        start_time: phase?.lightingStartTime ?? null,
      },
      settings.lighting,
      overridden,
    ),
    climate: merge(
      'climate',
      {
        temp_air_day: phase?.tempAirDay ?? null,
        temp_air_night: phase?.tempAirNight ?? null,
        humidity_day: phase?.humidityDay ?? null,
        humidity_night: phase?.humidityNight ?? null,
      },
      settings.climate,
      overridden,
    ),
  };
}

/** The phase's values with the zone's defined ones on top; `enabled` defaults to true. */
function merge<T extends Record<string, unknown>>(
  section: string,
  fromPhase: T,
  fromZone: (Partial<T> & { enabled?: boolean }) | undefined,
  overridden: string[],
): T & { enabled: boolean } {
  const merged: Record<string, unknown> = { enabled: true, ...fromPhase };
  for (const [key, value] of Object.entries(fromZone ?? {})) {
    if (value === undefined) continue;
    merged[key] = value;
    overridden.push(`${section}.${key}`);
  }
  return merged as T & { enabled: boolean };
}

type Band = NonNullable<DayNight['ph']>;

function chemistry(
  band: Band | undefined,
  period: 'day' | 'night',
  [target, min, max]: [number, number, number],
): { target: number; min: number; max: number } {
  if (!band) return { target, min, max };
  return period === 'day'
    ? { target: band.day, min: band.day_min, max: band.day_max }
    : { target: band.night, min: band.night_min, max: band.night_max };
}

/** Minutes since local midnight in `timezone`. */
export function localMinutes(now: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** Day inside `[start, start + hours)` (wrapping past midnight), night outside. */
export function windowPeriod(minutes: number, start: string, hours: number): 'day' | 'night' {
  const [h, m] = start.split(':').map(Number) as [number, number];
  const length = hours * 60;
  if (length >= 24 * 60) return 'day';
  const offset = (minutes - (h * 60 + m) + 24 * 60) % (24 * 60);
  return offset < length ? 'day' : 'night';
}
