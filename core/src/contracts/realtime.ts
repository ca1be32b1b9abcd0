import { z } from 'zod';
import { AlertSeveritySchema, AlertViewSchema } from './alerts.js';
import { CycleViewSchema } from './cycles.js';
import { CommandViewSchema, NodeViewSchema, TelemetryUpdateSchema } from './devices.js';
import { TaskViewSchema } from './automation.js';
import { ZoneEventViewSchema } from './events.js';
import { HealthSchema } from './health.js';
import { ZoneViewSchema } from './zones.js';

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

/** An alert was raised (`alert.created`), or raised again, or resolved (`alert.updated`). */
export const AlertCreatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.alerts'),
  event: z.literal('alert.created'),
  data: z.object({ alert: AlertViewSchema }),
});

export const AlertUpdatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.alerts'),
  event: z.literal('alert.updated'),
  data: z.object({ alert: AlertViewSchema }),
});

/** A new entry in a zone's timeline. */
export const ZoneEventCreatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.events'),
  event: z.literal('event.created'),
  data: z.object({ event: ZoneEventViewSchema }),
});

/** A zone was created, changed (settings, control mode) or deleted (`zone` null). */
export const ZoneUpdatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.zones'),
  event: z.literal('zone.updated'),
  data: z.object({ zone_id: z.number().int(), zone: ZoneViewSchema.nullable() }),
});

/** A grow cycle was created or changed status or phase. */
export const CycleUpdatedEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.cycles'),
  event: z.literal('cycle.updated'),
  data: z.object({ zone_id: z.number().int(), cycle: CycleViewSchema }),
});

/**
 * A notification for the desktop shell to show natively (the `desktop` notification channel);
 * `alert_id` is null for a test message.
 */
export const NotificationShowEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.system'),
  event: z.literal('notification.show'),
  data: z.object({
    title: z.string(),
    body: z.string(),
    severity: AlertSeveritySchema,
    alert_id: z.number().int().nullable(),
  }),
});

/** An automation task started, changed stage, completed or failed. */
export const AutomationTaskEventSchema = z.object({
  ...envelope,
  channel: z.literal('hydro.zones'),
  event: z.literal('automation.task'),
  data: z.object({ zone_id: z.number().int(), task: TaskViewSchema }),
});

export const RealtimeEventSchema = z.discriminatedUnion('event', [
  HealthEventSchema,
  ResyncEventSchema,
  DeviceUpdatedEventSchema,
  CommandStatusEventSchema,
  TelemetryBatchEventSchema,
  AlertCreatedEventSchema,
  AlertUpdatedEventSchema,
  ZoneEventCreatedEventSchema,
  ZoneUpdatedEventSchema,
  CycleUpdatedEventSchema,
  NotificationShowEventSchema,
  AutomationTaskEventSchema,
]);
export type RealtimeEvent = z.infer<typeof RealtimeEventSchema>;

/** `GET /api/events`: missed state events in order (telemetry and health are not kept). */
export const EventLogPageSchema = z.object({
  events: z.array(RealtimeEventSchema),
  has_more: z.boolean(),
  /** The newest event id issued: once `has_more` is false the caller is caught up to it. */
  last_event_id: z.number().int(),
  /** `after_id` is older than the log keeps (or unknown): refetch state instead of paging. */
  resync_required: z.boolean(),
});
export type HealthEvent = z.infer<typeof HealthEventSchema>;
