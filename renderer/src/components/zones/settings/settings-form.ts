import type { CatchUpPolicy } from '@contracts/schedule.js';
import type {
  EffectiveTargets,
  UpdateZoneRequest,
  ZoneSettings,
  ZoneView,
} from '@contracts/zones.js';

/**
 * The zone settings editor's model and its checks. PATCH /api/zones/{id} replaces `settings`
 * whole, so the form starts from the stored document and `toRequest` rebuilds all of it: keys the
 * form does not edit (the zone's schedules, the irrigation mode) pass through unchanged, an empty
 * number means "no override" (the key is left out and the recipe phase's value applies), and a
 * section left with nothing in it is dropped. The checks mirror ZoneSettingsSchema so problems
 * show next to their fields before saving; the core checks again and its 422 answers land on the
 * same keys (`settings.irrigation.interval_sec`, …).
 */

export type IrrigationStrategy = 'task' | 'smart_soil_v1';

export interface SettingsForm {
  name: string;
  description: string;
  irrigation: {
    enabled: boolean;
    interval_sec: number | null;
    duration_sec: number | null;
    strategy: IrrigationStrategy | null;
    soil_moisture_min_pct: number | null;
    soil_moisture_max_pct: number | null;
  };
  lighting: {
    enabled: boolean;
    photoperiod_hours: number | null;
    start_time: string | null;
    brightness_pct: number | null;
  };
  climate: {
    enabled: boolean;
    temp_air_day: number | null;
    temp_air_night: number | null;
    humidity_day: number | null;
    humidity_night: number | null;
  };
  tanks: { clean_volume_l: number | null; solution_volume_l: number | null };
  catch_up: CatchUpPolicy;
}

/** The scheduler's policy when the zone names none (contracts/zones.ts). */
export const DEFAULT_CATCH_UP: CatchUpPolicy = 'replay_limited';
export const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ['skip', 'replay_limited', 'replay_all'];

/** Field path as the core reports it in a 422 → message key and its parameters. */
export type SettingsProblems = Record<string, Problem>;
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export function formOf(zone: Pick<ZoneView, 'name' | 'description' | 'settings'>): SettingsForm {
  const { irrigation = {}, lighting = {}, climate = {}, tanks = {} } = zone.settings;
  return {
    name: zone.name,
    description: zone.description ?? '',
    irrigation: {
      enabled: irrigation.enabled ?? true,
      interval_sec: irrigation.interval_sec ?? null,
      duration_sec: irrigation.duration_sec ?? null,
      strategy: irrigation.strategy ?? null,
      soil_moisture_min_pct: irrigation.soil_moisture_min_pct ?? null,
      soil_moisture_max_pct: irrigation.soil_moisture_max_pct ?? null,
    },
    lighting: {
      enabled: lighting.enabled ?? true,
      photoperiod_hours: lighting.photoperiod_hours ?? null,
      start_time: lighting.start_time ?? null,
      brightness_pct: lighting.brightness_pct ?? null,
    },
    climate: {
      enabled: climate.enabled ?? true,
      temp_air_day: climate.temp_air_day ?? null,
      temp_air_night: climate.temp_air_night ?? null,
      humidity_day: climate.humidity_day ?? null,
      humidity_night: climate.humidity_night ?? null,
    },
    tanks: {
      clean_volume_l: tanks.clean_volume_l ?? null,
      solution_volume_l: tanks.solution_volume_l ?? null,
    },
    catch_up: zone.settings.catch_up ?? DEFAULT_CATCH_UP,
  };
}

/** The record without its null values, or undefined when nothing is left. */
function compact<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], null> } | undefined {
  const kept = Object.entries(values).filter(([, value]) => value !== null && value !== undefined);
  return kept.length > 0
    ? (Object.fromEntries(kept) as { [K in keyof T]?: Exclude<T[K], null> })
    : undefined;
}

/**
 * `enabled` is written when the subsystem is off, or when the stored document already said it:
 * an untouched switch on a zone that never had one adds nothing.
 */
const enabledOf = (enabled: boolean, stored: boolean | undefined): boolean | null =>
  enabled === false || stored !== undefined ? enabled : null;

/** The whole settings document the form stands for, on top of the stored one. */
export function toSettings(form: SettingsForm, stored: ZoneSettings): ZoneSettings {
  const { irrigation: i, lighting: l, climate: c, tanks: t } = form;
  // The moisture band only means something to the soil strategy; other strategies drop it.
  const smart = i.strategy === 'smart_soil_v1';
  const settings: ZoneSettings = {
    irrigation: compact({
      enabled: enabledOf(i.enabled, stored.irrigation?.enabled),
      mode: stored.irrigation?.mode ?? null,
      interval_sec: i.interval_sec,
      duration_sec: i.duration_sec,
      strategy: i.strategy,
      soil_moisture_min_pct: smart ? i.soil_moisture_min_pct : null,
      soil_moisture_max_pct: smart ? i.soil_moisture_max_pct : null,
    }),
    lighting: compact({
      enabled: enabledOf(l.enabled, stored.lighting?.enabled),
      photoperiod_hours: l.photoperiod_hours,
      start_time: l.start_time,
      brightness_pct: l.brightness_pct,
    }),
    climate: compact({
      enabled: enabledOf(c.enabled, stored.climate?.enabled),
      temp_air_day: c.temp_air_day,
      temp_air_night: c.temp_air_night,
      humidity_day: c.humidity_day,
      humidity_night: c.humidity_night,
    }),
    tanks: compact({ ...t }),
    schedules: stored.schedules,
    catch_up:
      stored.catch_up !== undefined || form.catch_up !== DEFAULT_CATCH_UP
        ? form.catch_up
        : undefined,
  };
  return compact(settings) ?? {};
}

/** The PATCH body: name, description and the complete settings document. */
export function toRequest(form: SettingsForm, stored: ZoneSettings): UpdateZoneRequest {
  const description = form.description.trim();
  return {
    name: form.name.trim(),
    description: description === '' ? null : description,
    settings: toSettings(form, stored),
  };
}

/** Numeric limits per field, as ZoneSettingsSchema enforces them. */
const LIMITS: Record<string, [min: number, max: number, integer?: boolean]> = {
  'irrigation.interval_sec': [60, 86_400, true],
  'irrigation.duration_sec': [1, 3_600, true],
  'irrigation.soil_moisture_min_pct': [0, 100],
  'irrigation.soil_moisture_max_pct': [0, 100],
  'lighting.photoperiod_hours': [0, 24],
  'lighting.brightness_pct': [0, 100],
  'climate.temp_air_day': [-20, 60],
  'climate.temp_air_night': [-20, 60],
  'climate.humidity_day': [0, 100],
  'climate.humidity_night': [0, 100],
  'tanks.clean_volume_l': [0.001, 100_000],
  'tanks.solution_volume_l': [0.001, 100_000],
};

function valueAt(form: SettingsForm, path: string): unknown {
  const [section, field] = path.split('.') as [keyof SettingsForm, string];
  return (form[section] as Record<string, unknown>)[field];
}

/** Every problem of the form, keyed like the core's 422 field errors. */
export function checkForm(form: SettingsForm): SettingsProblems {
  const problems: SettingsProblems = {};
  const name = form.name.trim();
  if (name === '') problems.name = { key: 'zoneSettings.problem.required' };
  else if (name.length > 100)
    problems.name = { key: 'zoneSettings.problem.tooLong', params: { max: 100 } };
  if (form.description.trim().length > 2000)
    problems.description = { key: 'zoneSettings.problem.tooLong', params: { max: 2000 } };
  for (const [path, [min, max, integer]] of Object.entries(LIMITS)) {
    const value = valueAt(form, path);
    if (typeof value !== 'number') continue;
    if (value < min || value > max)
      problems[`settings.${path}`] = { key: 'zoneSettings.problem.range', params: { min, max } };
    else if (integer && !Number.isInteger(value))
      problems[`settings.${path}`] = { key: 'zoneSettings.problem.integer' };
  }
  const { strategy, soil_moisture_min_pct: low, soil_moisture_max_pct: high } = form.irrigation;
  if (strategy === 'smart_soil_v1' && low !== null && high !== null && low >= high)
    problems['settings.irrigation.soil_moisture_min_pct'] = {
      key: 'zoneSettings.problem.minBelowMax',
    };
  const time = form.lighting.start_time;
  if (time !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    problems['settings.lighting.start_time'] = { key: 'zoneSettings.problem.time' };
  return problems;
}

/**
 * What applies when the field at `path` (`irrigation.interval_sec`) is left empty: the effective
 * value, unless the zone overrides that key now (then the recipe's own value is not known here).
 */
export function recipeValue(
  targets: EffectiveTargets | null,
  path: string,
): number | string | null {
  if (!targets || targets.overridden.includes(path)) return null;
  const [section, field] = path.split('.') as [string, string];
  const group = (targets as unknown as Record<string, Record<string, unknown> | null>)[section];
  const value = group?.[field];
  return typeof value === 'number' || typeof value === 'string' ? value : null;
}
