import { z } from 'zod';

/** Alert severities, least to most severe (reference-domain.md §9.2). */
export const ALERT_SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

/** No separate "acknowledged" state: an alert is ACTIVE until it is RESOLVED. */
export const AlertStatusSchema = z.enum(['ACTIVE', 'RESOLVED']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** Who raised it: business rules, the infrastructure (ingest, broker, store), or a node. */
export const AlertSourceSchema = z.enum(['biz', 'infra', 'node']);
export type AlertSource = z.infer<typeof AlertSourceSchema>;

/** `severity` and every severity above it. */
export function severitiesAtLeast(severity: AlertSeverity): AlertSeverity[] {
  return ALERT_SEVERITIES.slice(ALERT_SEVERITIES.indexOf(severity));
}

const iso = z.string();

/**
 * An alert as the API and realtime events show it. `count` is how many times it was raised while
 * active (identical raises are folded into one row by `dedupe_key`). `zone_id` is null for
 * infrastructure alerts that belong to no zone.
 */
export const AlertViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int().nullable(),
  code: z.string(),
  source: AlertSourceSchema,
  severity: AlertSeveritySchema,
  status: AlertStatusSchema,
  dedupe_key: z.string(),
  count: z.number().int(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  first_seen_at: iso,
  last_seen_at: iso,
  resolved_at: iso.nullable(),
  /** Who resolved it: the user, or `auto` when its producer saw the cause clear. */
  resolved_by: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertViewSchema>;

/** `GET /api/alerts`: filters and pagination (reference-backend-ui.md §2.11), newest first. */
export const AlertListQuerySchema = z.object({
  status: AlertStatusSchema.optional(),
  zone_id: z.coerce.number().int().positive().optional(),
  severity: AlertSeveritySchema.optional(),
  source: AlertSourceSchema.optional(),
  code: z.string().min(1).max(128).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

/** Paginated lists carry `meta` beside `data` (reference-backend-ui.md §2.0). */
export const PageMetaSchema = z.object({
  current_page: z.number().int(),
  last_page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

export const AlertListResponseSchema = z.object({
  status: z.literal('ok'),
  data: z.array(AlertViewSchema),
  meta: PageMetaSchema,
});

/** `POST /api/alerts/resolve-bulk`. */
export const ResolveAlertsRequestSchema = z.strictObject({
  ids: z.array(z.number().int().positive()).min(1).max(500),
});

/** Alerts this request resolved, and the ids that were already resolved (left unchanged). */
export const ResolveAlertsResultSchema = z.object({
  resolved: z.array(AlertViewSchema),
  already_resolved_ids: z.array(z.number().int()),
});
