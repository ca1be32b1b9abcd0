import { createHmac } from 'node:crypto';
import type { NotificationSettings } from '../contracts/settings.js';
import { postJson, type Delivery } from './http-delivery.js';
import { plainText, type Notification } from './notification.js';

export type WebhookConfig = NotificationSettings['webhook'];

/**
 * The JSON a webhook receives. `text` makes it readable as is by chat webhooks that show a
 * `text` field (Slack, Mattermost, Rocket.Chat); `alert` carries every field of the alert.
 */
export function webhookBody(n: Notification): string {
  return JSON.stringify({
    event: n.kind,
    delivery_id: n.id,
    severity: n.severity,
    title: n.title,
    text: plainText(n),
    zone_name: n.zoneName,
    alert: n.alert,
  });
}

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"), the scheme of the reference's
 * signed webhooks (reference-backend-ui.md §2.16): binding the timestamp lets a receiver refuse
 * a replayed delivery by its age.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** One POST to the webhook; signed (timestamp = `nowMs` in Unix seconds) when a secret is set. */
export function sendWebhook(
  config: WebhookConfig,
  n: Notification,
  nowMs: number,
  signal: AbortSignal,
): Promise<Delivery> {
  if (config.url === null) {
    return Promise.resolve({
      ok: false,
      status: null,
      error: 'no webhook URL is saved',
      retryable: false,
    });
  }
  const body = webhookBody(n);
  const timestamp = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    'x-hydro-event': n.kind,
    'x-hydro-delivery': n.id,
    'x-hydro-timestamp': String(timestamp),
  };
  if (config.secret !== null) {
    headers['x-hydro-signature'] = webhookSignature(config.secret, timestamp, body);
  }
  return postJson(config.url, body, headers, signal);
}
