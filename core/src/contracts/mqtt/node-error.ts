import { z } from 'zod';

/** The firmware maps CRITICAL to ERROR before publishing. */
export const NodeErrorLevelSchema = z.enum(['ERROR', 'WARNING', 'INFO']);

/**
 * `.../error` (§4.11), also published under the temp namespace by unbound nodes. `ts` is in
 * milliseconds.
 */
export const NodeErrorSchema = z.looseObject({
  level: NodeErrorLevelSchema,
  component: z.string().min(1).max(100),
  error_code: z.string().min(1).max(100),
  message: z.string().max(512),
  ts: z.number().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  hardware_id: z.string().optional(),
  node_uid: z.string().optional(),
});
export type NodeError = z.infer<typeof NodeErrorSchema>;

/** `.../diagnostics` (§4.12): any JSON object, nested values allowed, no fixed schema. */
export const DiagnosticsSchema = z.record(z.string(), z.unknown());
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;
