import { z } from 'zod';
import { CommandViewSchema, NodeViewSchema, TelemetryUpdateSchema } from './devices.js';
import { HealthSchema } from './health.js';

/** Path of the realtime WebSocket endpoint, relative to the HTTP origin. */
export const REALTIME_PATH = '/api/ws';

/**
 * Every server → client message carries an increasing integer `event_id` and the server time
 * `server_ts` in ms (reference-backend-ui.md §3.1), so a client can order and de-duplicate events.
 */
const envelope = { event_id: z.number().int().nonnegative(), server_ts: z.number() };

export const HealthEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.system'),
  event: z.literal('system.health'),
  data: HealthSchema,
});

/** Sent instead of queued events when a client falls too far behind: it must refetch state. */
export const ResyncEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.system'),
  event: z.literal('system.resync'),
  data: z.object({ reason: z.string() }),
});

/** A node's state, status or binding changed (bound and unbound nodes alike). */
export const DeviceUpdatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.devices'),
  event: z.literal('device.updated'),
  data: z.object({ device: NodeViewSchema }),
});

export const CommandStatusEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.commands'),
  event: z.literal('command.status'),
  data: z.object({ command: CommandViewSchema }),
});

/** Samples accepted by ingest since the last batch, per zone. */
export const TelemetryBatchEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.telemetry'),
  event: z.literal('telemetry.batch.updated'),
  data: z.object({ zone_id: z.number().int(), updates: z.array(TelemetryUpdateSchema) }),
});

export const RealtimeEventSchema = z.discriminatedUnion('event', [
  HealthEventSchema,
  ResyncEventSchema,
  DeviceUpdatedEventSchema,
  CommandStatusEventSchema,
  TelemetryBatchEventSchema,
]);
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;
export type HealthEvent = z.infer<typeof HealthEventSchema>;
