import { z } from 'zod';
import { CommentSchema, IdSchema, IsoTimeInputSchema, IsoTimeSchema } from './domain-fields.js';
import { PhaseTargetsViewSchema } from './recipes.js';

/** Grow cycles (reference-domain §3.1, reference-backend-ui §2.7). */

export const CYCLE_STATUSES = ['PLANNED', 'RUNNING', 'PAUSED', 'HARVESTED', 'ABORTED'] as const;
export const CycleStatusSchema = z.enum(CYCLE_STATUSES);
export type CycleStatus = z.infer<typeof CycleStatusSchema>;
/** At most one cycle per zone is in one of these (a partial unique index enforces it). */
export const ACTIVE_CYCLE_STATUSES = ['PLANNED', 'RUNNING', 'PAUSED'] as const;

export const CYCLE_TRIGGERS = [
  'CYCLE_CREATED',
  'CYCLE_STARTED',
  'CYCLE_PAUSED',
  'CYCLE_RESUMED',
  'AUTO_ADVANCE',
  'MANUAL_ADVANCE',
  'MANUAL_SWITCH',
  'HARVEST',
  'ABORT',
] as const;
export const CycleTriggerSchema = z.enum(CYCLE_TRIGGERS);
export type CycleTrigger = z.infer<typeof CycleTriggerSchema>;

/** POST /api/zones/{id}/grow-cycles: a PLANNED cycle from a PUBLISHED revision. */
export const CreateCycleRequestSchema = z.strictObject({
  recipe_revision_id: IdSchema,
  /** Defaults to the recipe's plant. */
  plant_id: IdSchema.nullable().optional(),
  batch_label: z.string().trim().max(100).nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
  planting_at: IsoTimeInputSchema.optional(),
  start_immediately: z.boolean().default(false),
});
export type CreateCycleRequest = z.infer<typeof CreateCycleRequestSchema>;

/** GET /api/grow-cycles */
export const CycleListQuerySchema = z.object({
  zone_id: z.coerce.number().pipe(IdSchema).optional(),
  status: CycleStatusSchema.optional(),
});

export const CycleActionRequestSchema = z.strictObject({ comment: CommentSchema.optional() });
export const StartCycleRequestSchema = CycleActionRequestSchema.extend({
  planting_at: IsoTimeInputSchema.optional(),
});
export const SetPhaseRequestSchema = CycleActionRequestSchema.extend({
  phase_index: z.int().min(0),
});
export const HarvestCycleRequestSchema = CycleActionRequestSchema.extend({
  actual_harvest_at: IsoTimeInputSchema.optional(),
  yield_kg: z.number().min(0).max(1_000_000).optional(),
});

export const CyclePhaseViewSchema = PhaseTargetsViewSchema.extend({
  phase_index: z.number().int(),
  started_at: IsoTimeSchema.nullable(),
  ended_at: IsoTimeSchema.nullable(),
});
export type CyclePhaseView = z.infer<typeof CyclePhaseViewSchema>;

export const CurrentPhaseSchema = z.object({
  phase_index: z.number().int(),
  name: z.string(),
  started_at: IsoTimeSchema.nullable(),
  /** When the phase's duration is up; null when the phase has none or has not started. */
  due_at: IsoTimeSchema.nullable(),
  /** Due (the UI's "phase ready" badge in semi and manual mode, where nothing auto-advances). */
  ready: z.boolean(),
  has_next: z.boolean(),
});

export const CycleViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int(),
  recipe_revision_id: z.number().int(),
  plant_id: z.number().int().nullable(),
  status: CycleStatusSchema,
  batch_label: z.string().nullable(),
  notes: z.string().nullable(),
  planting_at: IsoTimeSchema.nullable(),
  started_at: IsoTimeSchema.nullable(),
  ended_at: IsoTimeSchema.nullable(),
  actual_harvest_at: IsoTimeSchema.nullable(),
  yield_kg: z.number().nullable(),
  current_phase: CurrentPhaseSchema,
  phase_count: z.number().int(),
  /** Current phase's due time plus every later phase's duration; null if one has none. */
  expected_harvest_at: IsoTimeSchema.nullable(),
  /** The end-of-recipe review alert was raised (last phase over, nothing to advance to). */
  recipe_completed_at: IsoTimeSchema.nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type CycleView = z.infer<typeof CycleViewSchema>;

export const CycleTransitionViewSchema = z.object({
  id: z.number().int(),
  trigger_type: CycleTriggerSchema,
  from_status: CycleStatusSchema.nullable(),
  to_status: CycleStatusSchema,
  from_phase_index: z.number().int().nullable(),
  to_phase_index: z.number().int().nullable(),
  actor: z.string(),
  comment: z.string().nullable(),
  at: IsoTimeSchema,
});
export type CycleTransitionView = z.infer<typeof CycleTransitionViewSchema>;

export const CycleDetailSchema = CycleViewSchema.extend({
  phases: z.array(CyclePhaseViewSchema),
  transitions: z.array(CycleTransitionViewSchema),
});
export type CycleDetail = z.infer<typeof CycleDetailSchema>;
