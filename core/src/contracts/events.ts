import { z } from 'zod';
import { AlertViewSchema } from './alerts.js';
import { NodeViewSchema } from './devices.js';

/**
 * One entry of a zone's timeline (reference-domain.md §9.1): what the automation did, what nodes
 * reported (level switches, storage events), alerts and cycle steps. Ids increase in the order the
 * entries were stored; `node_id` and `channel` are set for entries a node reported.
 */
export const ZoneEventViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int(),
  node_id: z.number().int().nullable(),
  channel: z.string().nullable(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type ZoneEventView = z.infer<typeof ZoneEventViewSchema>;

const eventId = z.coerce.number().int().nonnegative();

/**
 * `GET /api/zones/{id}/events` (reference-backend-ui.md §2.3), in id order. `after_id` pages
 * forward (catch-up), `before_id` pages back from the newest (history).
 */
export const ZoneEventsQuerySchema = z
  .object({
    after_id: eventId.optional(),
    before_id: eventId.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.after_id === undefined || q.before_id === undefined, {
    message: 'use after_id or before_id, not both',
    path: ['before_id'],
  });

export const ZoneEventsPageSchema = z.object({
  events: z.array(ZoneEventViewSchema),
  /** More entries exist in the paging direction. */
  has_more: z.boolean(),
});

/** `GET /api/events`: realtime events with an `event_id` greater than `after_id`, in order. */
export const EventLogQuerySchema = z.object({
  after_id: eventId.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * Sent by a realtime client (e.g. after a reconnect) to receive, in order, every state event it
 * missed after `after_id`; connecting with `?after_id=N` does the same. Replayed events restart
 * the stream at N + 1 (events delivered since connecting may come again); when N is older than the
 * server keeps, the client gets `system.resync` and must refetch its state.
 */
export const ResumeMessageSchema = z.strictObject({
  type: z.literal('resume'),
  after_id: z.number().int().nonnegative(),
});

export const LastValueSchema = z.object({
  node_id: z.number().int(),
  channel: z.string(),
  metric_type: z.string(),
  ts: z.number(),
  value: z.number(),
  quality: z.string(),
});

/**
 * `GET /api/zones/{id}/snapshot`: the zone's current state in one read, for a client that
 * (re)connects. `last_event_id` is the realtime event id the snapshot is at least as new as: apply
 * realtime events after it (`GET /api/events?after_id=` or a WebSocket resume) on top.
 * `last_zone_event_id` is the newest timeline entry, for `GET /api/zones/{id}/events?after_id=`.
 */
export const ZoneSnapshotSchema = z.object({
  server_ts: z.number(),
  last_event_id: z.number().int(),
  last_zone_event_id: z.number().int(),
  zone: z.object({
    id: z.number().int(),
    uid: z.string(),
    name: z.string(),
    greenhouse_id: z.number().int(),
    greenhouse_uid: z.string(),
  }),
  devices: z.array(NodeViewSchema),
  telemetry: z.array(LastValueSchema),
  active_alerts: z.array(AlertViewSchema),
});
export type ZoneSnapshot = z.infer<typeof ZoneSnapshotSchema>;
