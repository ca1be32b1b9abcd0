import { z } from 'zod';
import { CommandStatusSchema } from './mqtt/enums.js';

/** Zone-level telemetry and command history (reference-backend-ui §2.8, §2.9). */

const time = z.union([
  z.string().regex(/^\d+$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const DAY_MS = 86_400_000;

/** GET /api/zones/{id}/telemetry/history: every bound channel of `metric`; the last day by default. */
export const ZoneHistoryQuerySchema = z
  .object({
    metric: z
      .string()
      .regex(/^[A-Za-z0-9_]+$/)
      .transform((m) => m.toUpperCase()),
    from: time.optional(),
    to: time.optional(),
    points: z.coerce.number().int().min(10).max(5000).default(500),
  })
  .transform((q) => {
    const to = q.to ?? Date.now();
    return { ...q, to, from: q.from ?? to - DAY_MS };
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] });

export const ZoneChannelValueSchema = z.object({
  role: z.string(),
  node_id: z.number().int(),
  channel: z.string(),
  metric_type: z.string(),
  value: z.number(),
  ts: z.number(),
  quality: z.string(),
});

/** GET /api/zones/{id}/telemetry/last: one value per bound sensor role, plus the detail. */
export const ZoneLastTelemetrySchema = z.object({
  ph: z.number().nullable(),
  ec: z.number().nullable(),
  temperature: z.number().nullable(),
  humidity: z.number().nullable(),
  co2: z.number().nullable(),
  solution_temperature: z.number().nullable(),
  light: z.number().nullable(),
  /** Newest sample time among the values (Unix ms), null when there is none. */
  last_updated: z.number().nullable(),
  channels: z.array(ZoneChannelValueSchema),
});
export type ZoneLastTelemetry = z.infer<typeof ZoneLastTelemetrySchema>;

/** GET /api/zones/{id}/commands */
export const ZoneCommandsQuerySchema = z.object({
  per_page: z.coerce.number().int().min(1).max(100).default(50),
  status: CommandStatusSchema.optional(),
  active_only: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});
