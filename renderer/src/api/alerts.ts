import { z } from 'zod';
import {
  AlertViewSchema,
  ResolveAlertsResultSchema,
  type AlertSeverity,
  type AlertSource,
  type AlertStatus,
  type AlertView,
} from '@contracts/alerts.js';
import { getData, sendData } from './http.js';

/** Alerts (reference-backend-ui.md §2.11): newest first, one page at a time. */

export interface AlertFilter {
  status: AlertStatus | null;
  severity: AlertSeverity | null;
  source: AlertSource | null;
  zoneId: number | null;
  code: string;
}

export const ALERTS_PAGE_SIZE = 100;

export function fetchAlerts(filter: AlertFilter, page: number): Promise<AlertView[]> {
  const params = new URLSearchParams({ page: String(page), per_page: String(ALERTS_PAGE_SIZE) });
  if (filter.status) params.set('status', filter.status);
  if (filter.severity) params.set('severity', filter.severity);
  if (filter.source) params.set('source', filter.source);
  if (filter.zoneId !== null) params.set('zone_id', String(filter.zoneId));
  if (filter.code.trim() !== '') params.set('code', filter.code.trim());
  return getData(`/api/alerts?${params.toString()}`, z.array(AlertViewSchema));
}

/** Resolves these alerts; ones already resolved are left as they are. */
export function resolveAlerts(ids: number[]) {
  return sendData('POST', '/api/alerts/resolve-bulk', { ids }, ResolveAlertsResultSchema);
}
