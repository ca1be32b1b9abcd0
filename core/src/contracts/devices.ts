import { z } from 'zod';

const isoOrNull = z.string().nullable();

/** A node as the API and UI see it: never its secrets (node_secret, MQTT password). */
export const NodeViewSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  hardware_id: z.string(),
  name: z.string().nullable(),
  type: z.string(),
  status: z.enum(['online', 'offline']),
  lifecycle_state: z.string(),
  zone_id: z.number().int().nullable(),
  pending_zone_id: z.number().int().nullable(),
  fw_version: z.string().nullable(),
  rssi: z.number().nullable(),
  ip: z.string().nullable(),
  uptime_seconds: z.number().nullable(),
  free_heap_bytes: z.number().nullable(),
  last_seen_at: isoOrNull,
  last_heartbeat_at: isoOrNull,
  first_seen_at: z.string(),
  channels: z.array(
    z.object({
      channel: z.string(),
      type: z.string(),
      metric: z.string().nullable(),
      unit: z.string().nullable(),
      actuator_type: z.string().nullable(),
    }),
  ),
});
export type NodeView = z.infer<typeof NodeViewSchema>;

export const CommandViewSchema = z.object({
  cmd_id: z.string(),
  node_id: z.number().int().nullable(),
  zone_id: z.number().int().nullable(),
  channel: z.string(),
  cmd: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.string(),
  source: z.string(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  sent_at: isoOrNull,
  ack_at: isoOrNull,
  terminal_at: isoOrNull,
});
export type CommandView = z.infer<typeof CommandViewSchema>;

/** POST /api/nodes/{id}/commands */
export const SendCommandRequestSchema = z.strictObject({
  cmd: z.string().min(1).max(64),
  channel: z.string().min(1).max(64),
  params: z.record(z.string(), z.unknown()).default({}),
  cmd_id: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,63}$/, 'letters, digits, _ and -, at most 63')
    .optional(),
});
export type SendCommandRequest = z.infer<typeof SendCommandRequestSchema>;

/** PATCH /api/nodes/{id}: assign to a zone (a pending bind until the node confirms), or rename. */
export const UpdateNodeRequestSchema = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  zone_id: z.number().int().positive().optional(),
});
export type UpdateNodeRequest = z.infer<typeof UpdateNodeRequestSchema>;

export const TelemetryUpdateSchema = z.object({
  node_id: z.number().int(),
  channel: z.string(),
  metric_type: z.string(),
  value: z.number(),
  ts: z.number(),
  quality: z.enum(['good', 'uncertain']),
});
export type TelemetryUpdate = z.infer<typeof TelemetryUpdateSchema>;
