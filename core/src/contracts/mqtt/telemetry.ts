import { z } from 'zod';
import { MetricTypeSchema } from './metrics.js';

/**
 * `.../{channel}/telemetry` (§4.1). The reference JSON schema forbids extra keys but the backend
 * accepts them, so this is a loose object. `ts` (Unix seconds) is required: legacy payloads that
 * carry `timestamp` instead are dropped.
 */
export const TelemetrySchema = z.looseObject({
  metric_type: MetricTypeSchema,
  value: z.number(),
  ts: z.number(),
  unit: z.string().max(32).optional(),
  raw: z.number().optional(),
  stub: z.boolean().optional(),
  /** The firmware only ever sends `false`; absence means stable. */
  stable: z.boolean().optional(),
  flow_active: z.boolean().optional(),
  corrections_allowed: z.boolean().optional(),
  /** EC node: the value is a cached last-good reading of this age. */
  stale_age_sec: z.number().optional(),
  tds: z.number().optional(),
  health: z
    .looseObject({ status: z.string().optional(), error_count: z.number().optional() })
    .optional(),
});
export type Telemetry = z.infer<typeof TelemetrySchema>;
