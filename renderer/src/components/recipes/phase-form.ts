import { NUTRIENT_COMPONENTS, type NutrientComponent } from '@contracts/catalog.js';
import type { RecipePhaseView } from '@contracts/recipes.js';
import type { PhaseFields } from '@/api/recipes';

/**
 * The phase editor's model and its checks. The checks mirror the core's (contracts/recipes.ts:
 * ranges, targets inside their min..max, four nutrient ratios or none summing to 100) so the
 * grower sees every problem next to its field before saving; the core checks again and its 422
 * field errors are shown the same way.
 */

/** The form: like a stored phase, but a number being typed may be empty. */
export type PhaseForm = {
  [K in keyof PhaseFields]: PhaseFields[K] extends number ? number | null : PhaseFields[K];
};

export type PhaseField = keyof PhaseForm;
/** Field (or `nutrient_ratios` for the sum) → message key and its parameters. */
export type PhaseProblems = Partial<Record<PhaseField | 'nutrient_ratios', Problem>>;
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export const ratioField = (c: NutrientComponent) => `nutrient_${c}_ratio_pct` as const;
export const RATIO_FIELDS = NUTRIENT_COMPONENTS.map(ratioField);

/** A lettuce-like starting point that already passes every check. */
export function blankPhase(phaseIndex: number, name: string): PhaseForm {
  return {
    phase_index: phaseIndex,
    name,
    ph_target: 5.8,
    ph_min: 5.5,
    ph_max: 6.2,
    ec_target: 1.6,
    ec_min: 1.2,
    ec_max: 2.0,
    nutrient_npk_ratio_pct: 40,
    nutrient_calcium_ratio_pct: 30,
    nutrient_magnesium_ratio_pct: 20,
    nutrient_micro_ratio_pct: 10,
    nutrient_npk_product_id: null,
    nutrient_calcium_product_id: null,
    nutrient_magnesium_product_id: null,
    nutrient_micro_product_id: null,
    irrigation_mode: 'RECIRC',
    irrigation_interval_sec: 1800,
    irrigation_duration_sec: 120,
    lighting_photoperiod_hours: 16,
    lighting_start_time: '06:00',
    temp_air_day: 23,
    temp_air_night: 19,
    humidity_day: 60,
    humidity_night: 70,
    duration_hours: null,
    duration_days: 14,
    day_night_enabled: false,
    day_night: null,
  };
}

export function formOf({ id: _id, revision_id: _revision, ...phase }: RecipePhaseView): PhaseForm {
  return phase;
}

/** Numeric limits per field, as the core enforces them. */
const LIMITS: Partial<Record<PhaseField, [number, number]>> = {
  ph_target: [0, 14],
  ph_min: [0, 14],
  ph_max: [0, 14],
  ec_target: [0, 20],
  ec_min: [0, 20],
  ec_max: [0, 20],
  irrigation_interval_sec: [60, 86_400],
  irrigation_duration_sec: [1, 3_600],
  lighting_photoperiod_hours: [0, 24],
  temp_air_day: [-20, 60],
  temp_air_night: [-20, 60],
  humidity_day: [0, 100],
  humidity_night: [0, 100],
  duration_days: [0.01, 365],
  duration_hours: [0.01, 8_760],
  ...Object.fromEntries(RATIO_FIELDS.map((f) => [f, [0, 100]])),
};
const REQUIRED: readonly PhaseField[] = [
  'ph_target',
  'ph_min',
  'ph_max',
  'ec_target',
  'ec_min',
  'ec_max',
];

export function checkPhase(p: PhaseForm): PhaseProblems {
  const problems: PhaseProblems = {};
  if (p.name.trim() === '') problems.name = { key: 'phase.problem.required' };
  for (const field of REQUIRED)
    if (p[field] === null) problems[field] = { key: 'phase.problem.required' };
  for (const [field, [min, max]] of Object.entries(LIMITS) as [PhaseField, [number, number]][]) {
    const value = p[field];
    if (typeof value === 'number' && (value < min || value > max))
      problems[field] = { key: 'phase.problem.range', params: { min, max } };
  }
  for (const group of ['ph', 'ec'] as const) {
    const [min, target, max] = [p[`${group}_min`], p[`${group}_target`], p[`${group}_max`]];
    if (min === null || target === null || max === null || problems[`${group}_target`]) continue;
    if (min > max) problems[`${group}_min`] = { key: 'phase.problem.minAboveMax' };
    else if (target < min || target > max)
      problems[`${group}_target`] = { key: 'phase.problem.outsideBand', params: { min, max } };
  }
  checkRatios(p, problems);
  if (p.lighting_start_time !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(p.lighting_start_time))
    problems.lighting_start_time = { key: 'phase.problem.time' };
  return problems;
}

function checkRatios(p: PhaseForm, problems: PhaseProblems): void {
  const set = RATIO_FIELDS.filter((f) => p[f] !== null);
  if (set.length === 0) return;
  if (set.length < RATIO_FIELDS.length) {
    for (const f of RATIO_FIELDS)
      if (p[f] === null) problems[f] = { key: 'phase.problem.ratioMissing' };
    return;
  }
  const sum = ratioSum(p);
  if (Math.abs(sum - 100) > 0.01)
    problems.nutrient_ratios = { key: 'phase.problem.ratioSum', params: { sum } };
}

export function ratioSum(p: PhaseForm): number {
  const sum = RATIO_FIELDS.reduce((total, f) => total + (p[f] ?? 0), 0);
  return Math.round(sum * 100) / 100;
}

/** What the core takes, once `checkPhase` found nothing (the required numbers are set). */
export function toFields(p: PhaseForm): PhaseFields {
  return p as PhaseFields;
}

/** Phase length in days (hours count too), or null when the phase has none. */
export function phaseDays(p: PhaseForm): number | null {
  if (p.duration_days === null && p.duration_hours === null) return null;
  return (p.duration_days ?? 0) + (p.duration_hours ?? 0) / 24;
}
