import { z } from 'zod';

/** Lifecycle state of one core component, as shown on the System page and in the tray. */
export const ComponentStateSchema = z.enum([
  'stopped',
  'starting',
  'healthy',
  'degraded',
  'failed',
]);
export type ComponentState = z.infer<typeof ComponentStateSchema>;

export const ComponentHealthSchema = z.object({
  name: z.string(),
  state: ComponentStateSchema,
  /** Short human-readable detail, e.g. "3 clients" or the reason a component failed. */
  detail: z.string().nullable(),
  /** ISO time of the last state change. */
  since: z.string(),
  /** Small component-specific figures (port, client count, file size…). */
  metrics: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});
export type ComponentHealth = z.infer<typeof ComponentHealthSchema>;

export const OverallStateSchema = z.enum(['starting', 'ok', 'degraded', 'failed', 'stopping']);
export type OverallState = z.infer<typeof OverallStateSchema>;

export const HealthSchema = z.object({
  state: OverallStateSchema,
  version: z.string(),
  started_at: z.string(),
  uptime_s: z.number(),
  components: z.array(ComponentHealthSchema),
});
export type Health = z.infer<typeof HealthSchema>;
