import { z } from 'zod';
import { NUTRIENT_COMPONENTS } from './catalog.js';
import {
  DescriptionSchema,
  IdSchema,
  IsoTimeSchema,
  NameSchema,
  TimeOfDaySchema,
} from './domain-fields.js';

/**
 * Recipes, their revisions and phases (reference-domain §2.2, §3.2; reference-backend-ui §2.6).
 * A phase carries flat target columns; a grow cycle copies them into its own snapshot.
 */

const Ph = z.number().min(0).max(14);
const Ec = z.number().min(0).max(20);
const Pct = z.number().min(0).max(100);
const AirTemp = z.number().min(-20).max(60);
const PhaseIndex = z.int().min(0).max(999);

function band(value: z.ZodNumber) {
  return z
    .strictObject({
      day: value,
      day_min: value,
      day_max: value,
      night: value,
      night_min: value,
      night_max: value,
    })
    .superRefine((b, ctx) => {
      for (const period of ['day', 'night'] as const) {
        if (b[`${period}_min`] <= b[period] && b[period] <= b[`${period}_max`]) continue;
        ctx.addIssue({
          code: 'custom',
          path: [period],
          message: `must lie within ${period}_min..${period}_max`,
        });
      }
    });
}

/**
 * Day/night extension: pH and EC bands picked by the greenhouse's local time against the day
 * window `[day_start_time, day_start_time + day_hours)`.
 */
export const DayNightSchema = z.strictObject({
  day_start_time: TimeOfDaySchema,
  day_hours: z.number().min(0).max(24),
  ph: band(Ph).optional(),
  ec: band(Ec).optional(),
});
export type DayNight = z.infer<typeof DayNightSchema>;

/** The target columns every phase (template and cycle snapshot) shares. */
const PHASE_SHAPE = {
  name: NameSchema,
  ph_target: Ph,
  ph_min: Ph,
  ph_max: Ph,
  ec_target: Ec,
  ec_min: Ec,
  ec_max: Ec,
  nutrient_npk_ratio_pct: Pct.nullable(),
  nutrient_calcium_ratio_pct: Pct.nullable(),
  nutrient_magnesium_ratio_pct: Pct.nullable(),
  nutrient_micro_ratio_pct: Pct.nullable(),
  nutrient_npk_product_id: IdSchema.nullable(),
  nutrient_calcium_product_id: IdSchema.nullable(),
  nutrient_magnesium_product_id: IdSchema.nullable(),
  nutrient_micro_product_id: IdSchema.nullable(),
  irrigation_mode: z.enum(['SUBSTRATE', 'RECIRC']).nullable(),
  irrigation_interval_sec: z.int().min(60).max(86_400).nullable(),
  irrigation_duration_sec: z.int().min(1).max(3_600).nullable(),
  lighting_photoperiod_hours: z.number().min(0).max(24).nullable(),
  lighting_start_time: TimeOfDaySchema.nullable(),
  temp_air_day: AirTemp.nullable(),
  temp_air_night: AirTemp.nullable(),
  humidity_day: Pct.nullable(),
  humidity_night: Pct.nullable(),
  /** Phase length: hours plus days (both count, as the reference's auto-advance sums them). */
  duration_hours: z.number().positive().max(8_760).nullable(),
  duration_days: z.number().positive().max(365).nullable(),
  day_night_enabled: z.boolean(),
  day_night: DayNightSchema.nullable(),
};

type PhaseShape = { [K in keyof typeof PHASE_SHAPE]: z.output<(typeof PHASE_SHAPE)[K]> };

/** What a phase may leave out on create. */
const PHASE_DEFAULTS = Object.fromEntries(
  Object.keys(PHASE_SHAPE)
    .filter((key) => !/^(name|ph_|ec_)/.test(key))
    .map((key) => [key, key === 'day_night_enabled' ? false : null]),
);

const RATIO_FIELDS = NUTRIENT_COMPONENTS.map((c) => `nutrient_${c}_ratio_pct` as const);

/** Cross-field rules: targets inside their bands; all four ratios or none, summing to 100. */
function checkPhase(p: PhaseShape, ctx: z.RefinementCtx): void {
  for (const group of ['ph', 'ec'] as const) {
    if (p[`${group}_min`] <= p[`${group}_target`] && p[`${group}_target`] <= p[`${group}_max`])
      continue;
    ctx.addIssue({
      code: 'custom',
      path: [`${group}_target`],
      message: `must lie within ${group}_min..${group}_max`,
    });
  }
  const ratios = RATIO_FIELDS.map((field) => p[field]);
  const set = ratios.filter((r): r is number => r !== null);
  if (set.length > 0 && set.length < ratios.length) {
    for (const field of RATIO_FIELDS.filter((f) => p[f] === null))
      ctx.addIssue({ code: 'custom', path: [field], message: 'required once any ratio is set' });
  } else if (set.length > 0) {
    const sum = set.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 0.01)
      ctx.addIssue({
        code: 'custom',
        path: ['nutrient_ratios'],
        message: `the four nutrient ratios must sum to 100 (they sum to ${sum})`,
      });
  }
  if (p.day_night_enabled && p.day_night === null)
    ctx.addIssue({
      code: 'custom',
      path: ['day_night'],
      message: 'required when day_night_enabled',
    });
}

/** A whole phase as stored; `phase_index` is optional on create (appended after the last). */
export const RecipePhaseInputSchema = z
  .strictObject({ ...PHASE_SHAPE, phase_index: PhaseIndex.optional() })
  .superRefine(checkPhase);
export type RecipePhaseInput = z.output<typeof RecipePhaseInputSchema>;

/** POST /api/recipe-revisions/{id}/phases */
export const CreateRecipePhaseRequestSchema = z.preprocess(
  (body) =>
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? { ...PHASE_DEFAULTS, ...body }
      : body,
  RecipePhaseInputSchema,
);

/** PATCH /api/recipe-revision-phases/{id}: merged over the stored phase, then checked whole. */
export const UpdateRecipePhaseRequestSchema = z
  .strictObject({ ...PHASE_SHAPE, phase_index: PhaseIndex })
  .partial();

export const PhaseTargetsViewSchema = z.object(PHASE_SHAPE);
export type PhaseTargetsView = z.infer<typeof PhaseTargetsViewSchema>;

export const RecipePhaseViewSchema = PhaseTargetsViewSchema.extend({
  id: z.number().int(),
  revision_id: z.number().int(),
  phase_index: z.number().int(),
});
export type RecipePhaseView = z.infer<typeof RecipePhaseViewSchema>;

export const REVISION_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;
export const RevisionStatusSchema = z.enum(REVISION_STATUSES);

export const CreateRecipeRequestSchema = z.strictObject({
  name: NameSchema,
  description: DescriptionSchema.default(null),
  plant_id: IdSchema.nullable().default(null),
});
export const UpdateRecipeRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  description: DescriptionSchema.optional(),
  plant_id: IdSchema.nullable().optional(),
});
export type CreateRecipeRequest = z.infer<typeof CreateRecipeRequestSchema>;
export type UpdateRecipeRequest = z.infer<typeof UpdateRecipeRequestSchema>;

/** POST /api/recipes/{id}/revisions: a DRAFT copying `from_revision_id` or the latest revision. */
export const CreateRevisionRequestSchema = z.strictObject({
  from_revision_id: IdSchema.optional(),
  description: DescriptionSchema.default(null),
});
export const UpdateRevisionRequestSchema = z.strictObject({ description: DescriptionSchema });

export const RevisionViewSchema = z.object({
  id: z.number().int(),
  recipe_id: z.number().int(),
  revision_number: z.number().int(),
  status: RevisionStatusSchema,
  description: z.string().nullable(),
  published_at: IsoTimeSchema.nullable(),
  archived_at: IsoTimeSchema.nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type RevisionView = z.infer<typeof RevisionViewSchema>;

export const RevisionDetailSchema = RevisionViewSchema.extend({
  phases: z.array(RecipePhaseViewSchema),
});
export type RevisionDetail = z.infer<typeof RevisionDetailSchema>;

export const RecipeViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  plant_id: z.number().int().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
  revisions: z.array(RevisionViewSchema),
});
export type RecipeView = z.infer<typeof RecipeViewSchema>;
