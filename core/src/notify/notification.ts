import { randomUUID } from 'node:crypto';
import type { AlertSeverity, AlertView } from '../contracts/alerts.js';
import type { NotificationChannel } from '../contracts/settings.js';

/** Why a notification is sent: a new alert, an active alert that got worse, or a user's test. */
export type NotificationKind = 'alert.created' | 'alert.escalated' | 'test';

/** One message, rendered once and handed to every channel (each formats it its own way). */
export interface Notification {
  /** Stays the same across retries, so a receiver can drop a delivery it already has. */
  readonly id: string;
  readonly kind: NotificationKind;
  readonly severity: AlertSeverity;
  /** Short, e.g. "Critical alert in Tank zone". */
  readonly title: string;
  /** The alert's message and code. */
  readonly body: string;
  readonly alert: AlertView | null;
  readonly zoneName: string | null;
}

/** Bodies longer than this are cut: a node can put a whole error dump into a message. */
const MAX_BODY = 1000;

const LABEL: Record<AlertSeverity, string> = {
  info: 'Info',
  warning: 'Warning',
  error: 'Error',
  critical: 'Critical',
};

/** A glyph per severity, so the message list of a chat is readable at a glance. */
const MARK: Record<AlertSeverity, string> = {
  info: '🔵',
  warning: '🟡',
  error: '🟠',
  critical: '🔴',
};

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, error: 2, critical: 3 };

/** True when `severity` is `min` or worse. */
export function meets(severity: AlertSeverity, min: AlertSeverity): boolean {
  return RANK[severity] >= RANK[min];
}

export function isWorse(severity: AlertSeverity, than: AlertSeverity): boolean {
  return RANK[severity] > RANK[than];
}

export function alertNotification(
  kind: 'alert.created' | 'alert.escalated',
  alert: AlertView,
  zoneName: string | null,
): Notification {
  const zone = zoneName ?? (alert.zone_id === null ? null : `zone ${alert.zone_id}`);
  const where = zone === null ? '' : ` in ${zone}`;
  const label = LABEL[alert.severity];
  const title =
    kind === 'alert.created'
      ? `${label} alert${where}`
      : `Alert now ${label.toLowerCase()}${where}`;
  const repeats = alert.count > 1 ? ` · seen ${alert.count}×` : '';
  return {
    id: randomUUID(),
    kind,
    severity: alert.severity,
    title,
    body: cut(`${alert.message}\n${alert.code}${repeats}`, MAX_BODY),
    alert,
    zoneName,
  };
}

export function testNotification(channel: NotificationChannel): Notification {
  return {
    id: randomUUID(),
    kind: 'test',
    severity: 'info',
    title: 'Test notification',
    body: `Hydro can reach you through this channel (${channel}). Alerts will arrive like this.`,
    alert: null,
    zoneName: null,
  };
}

/** Plain text for chats and generic receivers: the glyph, "Hydro", the title, then the body. */
export function plainText(n: Notification): string {
  return `${MARK[n.severity]} Hydro · ${n.title}\n${n.body}`;
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
