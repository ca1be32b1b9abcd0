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
