import type { AlertView } from '../contracts/alerts.js';
import { HydroError } from '../runtime/errors.js';
import type { AlertRecord } from '../storage/alerts-events-types.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function alertView(alert: AlertRecord): AlertView {
  return {
    id: alert.id,
    zone_id: alert.zoneId,
    code: alert.code,
    source: alert.source,
    severity: alert.severity,
    status: alert.status,
    dedupe_key: alert.dedupeKey,
    count: alert.count,
    message: alert.message,
    details: alert.details,
    first_seen_at: new Date(alert.firstSeenAt).toISOString(),
    last_seen_at: new Date(alert.lastSeenAt).toISOString(),
    resolved_at: iso(alert.resolvedAt),
    resolved_by: alert.resolvedBy,
  };
}

export class AlertNotFoundError extends HydroError {
  constructor(ids: number[]) {
    super('alert_not_found', `No alert ${ids.join(', ')}`);
  }
}
