import { z } from 'zod';
import { IsoTimeInputSchema, IsoTimeSchema, TimeOfDaySchema } from './domain-fields.js';

/**
 * Zone schedules and the schedule view (reference-domain §7, reference-backend-ui §2.4). A zone's
 * own schedule items live in its settings (`settings.schedules`); the recipe's irrigation
 * interval and light window are schedules too. Every time is the greenhouse's local time.
 */

export const SCHEDULE_TASKS = ['irrigation', 'solution_topup', 'lighting'] as const;
export const ScheduleTaskSchema = z.enum(SCHEDULE_TASKS);
export type ScheduleTask = z.infer<typeof ScheduleTaskSchema>;

export const SCHEDULE_KINDS = ['time', 'interval', 'window', 'once'] as const;

/** After downtime: fire the latest missed slot only, the last 3, or every missed one (§7.2). */
export const CatchUpPolicySchema = z.enum(['skip', 'replay_limited', 'replay_all']);
export type CatchUpPolicy = z.infer<typeof CatchUpPolicySchema>;

/** Which fields each kind takes; the others are refused so a typo never goes unnoticed. */
const KIND_FIELDS = {
  time: ['at'],
  interval: ['every_sec'],
  window: ['start', 'end'],
  once: ['run_at'],
} as const;
const KIND_ONLY_FIELDS = ['at', 'every_sec', 'start', 'end', 'run_at'] as const;

/**
 * One zone schedule item (the reference's manual schedules): `time` at `at` (one `HH:MM` or a
 * list) on `days_of_week` (ISO 1 = Monday … 7, empty or absent = every day); `interval` every
 * `every_sec` (drifting, missed runs are not replayed); `window` from `start` to `end` (lighting
 * only: on at the start, off at the end); `once` at `run_at`.
 */
export const ZoneScheduleSchema = z
  .strictObject({
    /** Stable: it keys the schedule's cursor, so renaming it starts the schedule afresh. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,23}$/, 'lowercase a-z, 0-9, _ or -, ≤ 24'),
    task: ScheduleTaskSchema,
    kind: z.enum(SCHEDULE_KINDS),
    /** One wall time or several (the reference's `schedule: ["08:00", …]`). */
    at: z.union([TimeOfDaySchema, z.array(TimeOfDaySchema).min(1).max(48)]).optional(),
    every_sec: z
      .int()
      .min(60)
      .max(7 * 86_400)
      .optional(),
    start: TimeOfDaySchema.optional(),
    end: TimeOfDaySchema.optional(),
    run_at: IsoTimeInputSchema.optional(),
    days_of_week: z.array(z.int().min(1).max(7)).max(7).optional(),
    catch_up: CatchUpPolicySchema.optional(),
    enabled: z.boolean().optional(),
    payload: z.strictObject({ duration_sec: z.int().min(1).max(3_600).optional() }).optional(),
  })
  .superRefine((item, ctx) => {
    const needed: readonly string[] = KIND_FIELDS[item.kind];
    for (const field of needed)
      if (item[field as keyof typeof item] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${item.kind}` });
    for (const field of KIND_ONLY_FIELDS)
      if (!needed.includes(field) && item[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `not used by ${item.kind}` });
    if (item.kind === 'window' && item.start !== undefined && item.start === item.end)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from start' });
    if ((item.task === 'lighting') !== (item.kind === 'window'))
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'lighting uses window, only it' });
    if (item.days_of_week && item.kind !== 'time' && item.kind !== 'window')
      ctx.addIssue({ code: 'custom', path: ['days_of_week'], message: 'time and window only' });
    if (item.catch_up && item.kind !== 'time')
      ctx.addIssue({ code: 'custom', path: ['catch_up'], message: 'time schedules only' });
    if (item.payload && item.task !== 'irrigation')
      ctx.addIssue({ code: 'custom', path: ['payload'], message: 'irrigation only' });
  });
export type ZoneSchedule = z.infer<typeof ZoneScheduleSchema>;

export const ZoneSchedulesSchema = z
  .array(ZoneScheduleSchema)
  .max(50)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'ids must be unique' });
      seen.add(item.id);
    }
  });

/** GET /api/zones/{id}/schedule */
export const ScheduleQuerySchema = z.strictObject({
  horizon: z.enum(['24h', '7d']).default('24h'),
});
export type ScheduleQuery = z.infer<typeof ScheduleQuerySchema>;

export const ScheduleOriginSchema = z.enum(['recipe', 'zone_schedule']);
export const ScheduleOutcomeSchema = z.enum(['dispatched', 'skipped', 'missed', 'busy', 'failed']);

/** One schedule of the zone (a lane of the plan). */
export const ScheduleLaneSchema = z.object({
  /** The cursor key: `recipe:irrigation`, `recipe:lighting` or `zone:{id}`. */
  key: z.string(),
  task: ScheduleTaskSchema,
  kind: z.enum(SCHEDULE_KINDS),
  origin: ScheduleOriginSchema,
  schedule_id: z.string().nullable(),
  /** Why its slots are recorded skipped instead of run (`subsystem_disabled`…), or null. */
  suppressed: z.string().nullable(),
  /** The last instant the scheduler handled for it; null: never ran. */
  cursor_at: IsoTimeSchema.nullable(),
});

/** An upcoming slot within the horizon. */
export const ScheduleWindowSchema = z.object({
  key: z.string(),
  task: ScheduleTaskSchema,
  kind: z.enum(SCHEDULE_KINDS),
  origin: ScheduleOriginSchema,
  at: IsoTimeSchema,
  /** Local wall time with offset (`2026-03-29T06:00:00+02:00`). */
  local: z.string(),
  /** Window boundaries: the light state from `at` on. */
  state: z.enum(['on', 'off']).nullable(),
});

export const ScheduleRunViewSchema = z.object({
  id: z.number().int(),
  task: z.string(),
  slot_at: IsoTimeSchema,
  idempotency_key: z.string(),
  outcome: ScheduleOutcomeSchema,
  reason: z.string().nullable(),
  task_id: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  created_at: IsoTimeSchema,
});

export const ZoneScheduleViewSchema = z.object({
  zone_id: z.number().int(),
  timezone: z.string(),
  /** zones.ts imports this file, so the mode enum is spelled out rather than imported. */
  control_mode: z.enum(['auto', 'semi', 'manual']),
  horizon: z.enum(['24h', '7d']),
  from: IsoTimeSchema,
  to: IsoTimeSchema,
  lanes: z.array(ScheduleLaneSchema),
  windows: z.array(ScheduleWindowSchema),
  /** Runs whose slot lies in the past horizon, newest first (at most 200). */
  recent_runs: z.array(ScheduleRunViewSchema),
  /** Over the past horizon; `missed` counts interval runs that were not replayed. */
  counters: z.object({
    dispatched: z.number().int(),
    skipped: z.number().int(),
    missed: z.number().int(),
    busy: z.number().int(),
    failed: z.number().int(),
  }),
});
export type ZoneScheduleView = z.infer<typeof ZoneScheduleViewSchema>;
