import { z } from 'zod';
import { IsoTimeSchema } from './domain-fields.js';

/** The zone runtime's tasks and operator requests (reference-domain §5, §8; backend-ui §2.3). */

export const TASK_KIND_VALUES = [
  'cycle_start',
  'irrigation',
  'solution_topup',
  'solution_change',
] as const;

export const TaskViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int(),
  kind: z.enum(TASK_KIND_VALUES),
  status: z.enum(['active', 'completed', 'failed', 'cancelled']),
  stage: z.string(),
  stage_started_at: IsoTimeSchema,
  stage_deadline_at: IsoTimeSchema.nullable(),
  source: z.string(),
  outcome: z.string().nullable(),
  /** The command plan in flight, if any (name and step `index` of `steps`). */
  plan: z.object({ name: z.string(), index: z.number().int(), steps: z.number().int() }).nullable(),
  /** The stage held by manual mode while the task is parked in `manual_hold`. */
  held_stage: z.string().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
  finished_at: IsoTimeSchema.nullable(),
});
export type TaskView = z.infer<typeof TaskViewSchema>;

/** POST /api/zones/{id}/start-cycle, start-solution-topup, start-solution-change: no fields. */
export const StartTaskRequestSchema = z.strictObject({});

/** POST /api/zones/{id}/start-irrigation: `force` skips the decision gate, never the safety checks. */
export const StartIrrigationRequestSchema = z.strictObject({
  mode: z.enum(['normal', 'force']).default('normal'),
  /** Clamped to 1..3600 s by the workflow; a run longer than 300 s is refused there. */
  requested_duration_sec: z.int().min(1).max(3_600).optional(),
});
export type StartIrrigationRequest = z.infer<typeof StartIrrigationRequestSchema>;

/** POST /api/zones/{id}/manual-step (reference-domain §8.1). */
export const ManualStepRequestSchema = z.strictObject({
  manual_step: z.string().regex(/^[a-z][a-z_]{2,63}$/, 'a step name such as irrigation_stop'),
});
export type ManualStepRequest = z.infer<typeof ManualStepRequestSchema>;

/** POST /api/zones/{id}/emergency-stop: the reason goes on the timeline and in the audit. */
export const EmergencyStopRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});

/** GET /api/zones/{id}/tasks */
export const ZoneTasksQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** The answer to every start-* request. */
export const StartedTaskSchema = z.object({ task_id: z.number().int(), task: TaskViewSchema });
export type StartedTask = z.infer<typeof StartedTaskSchema>;

export const ManualStepResultSchema = z.object({
  task_id: z.number().int(),
  pending_manual_step: z.string(),
  current_stage: z.string(),
  workflow_phase: z.string(),
});
export type ManualStepResult = z.infer<typeof ManualStepResultSchema>;

export const EmergencyStopResultSchema = z.object({
  zone_id: z.number().int(),
  /** The task the stop failed, if one was running. */
  failed_task_id: z.number().int().nullable(),
  control_mode: z.literal('manual'),
  workflow_phase: z.string(),
});
export type EmergencyStopResult = z.infer<typeof EmergencyStopResultSchema>;

/** A coarse tank level from its switches (reference-domain §5.1): max 100, min only 50, else 0. */
const TankPercent = z.union([z.literal(0), z.literal(50), z.literal(100)]).nullable();

/**
 * GET /api/zones/{id}/state: what the zone runtime is doing (reference-backend-ui §2.3, trimmed
 * to what this runtime knows). `allowed_manual_steps` are the steps the active stage accepts now
 * (only stop steps in auto).
 */
export const ZoneAutomationStateSchema = z.object({
  zone_id: z.number().int(),
  workflow_phase: z.string(),
  control_mode: z.enum(['auto', 'semi', 'manual']),
  active_task: TaskViewSchema.nullable(),
  current_stage: z.string().nullable(),
  pending_manual_step: z.string().nullable(),
  allowed_manual_steps: z.array(z.string()),
  current_levels: z.object({
    clean_tank_level_percent: TankPercent,
    nutrient_tank_level_percent: TankPercent,
    /** Each bound level switch: true/false, null when stale or never reported. */
    switches: z.record(z.string(), z.boolean().nullable()),
    ph: z.number().nullable(),
    ec: z.number().nullable(),
  }),
  nodes: z.array(
    z.object({
      role: z.string(),
      node_id: z.number().int(),
      online: z.boolean(),
      last_seen_at: IsoTimeSchema.nullable(),
    }),
  ),
  /** Roles the zone's workflows need that are bound to an offline node. */
  offline_required: z.array(z.string()),
  /** The last E-stop (physical or software) latched in zone memory. */
  estop_at: IsoTimeSchema.nullable(),
  /** manual → auto/semi happened: the next preparation re-probes the hardware first. */
  reconcile_pending: z.boolean(),
  last_terminal_task: TaskViewSchema.nullable(),
});
export type ZoneAutomationState = z.infer<typeof ZoneAutomationStateSchema>;
