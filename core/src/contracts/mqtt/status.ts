import { z } from 'zod';

export const OnlineStateSchema = z.enum(['ONLINE', 'OFFLINE']);
export type OnlineState = z.infer<typeof OnlineStateSchema>;

/**
 * Retained `.../status` (§4.2) in the extended profile the firmware sends. A node in SAFE_MODE
 * should add `state` and `reason` here rather than drop `status`.
 */
export const StatusReportSchema = z.looseObject({
  status: OnlineStateSchema,
  ts: z.number(),
  online: z.boolean().optional(),
  ip: z.string().optional(),
  rssi: z.number().optional(),
  fw: z.string().optional(),
  fw_version: z.string().optional(),
  state: z.string().optional(),
  reason: z.string().optional(),
});
export type StatusReport = z.infer<typeof StatusReportSchema>;

/**
 * What the reference firmware actually publishes on the status topic when it enters SAFE_MODE:
 * no `status` key at all ([DIVERGENCE] §4.2). Accepted so it can be logged, never as liveness.
 */
export const SafeModeStatusSchema = z.looseObject({
  state: z.literal('safe_mode'),
  reason: z.string().optional(),
  ts: z.number(),
});
export type SafeModeStatus = z.infer<typeof SafeModeStatusSchema>;

export const NodeStatusSchema = z.union([StatusReportSchema, SafeModeStatusSchema]);
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

/** The MQTT Will the node registers at connect, retained on `.../lwt` (§4.3). */
export const LWT_PAYLOAD = 'offline';

/**
 * The backend reads the raw LWT payload: `online` in any case means ONLINE; anything else,
 * including the empty payload that clears a retained message, means OFFLINE (§4.3).
 */
export function lwtState(payload: string): OnlineState {
  return payload.toLowerCase() === 'online' ? 'ONLINE' : 'OFFLINE';
}
