import {
  DeliveryResultSchema,
  NotificationSettingsViewSchema,
  type DeliveryResult,
  type NotificationChannel,
  type NotificationSettingsView,
  type UpdateNotificationSettingsRequest,
} from '@contracts/settings.js';
import { getData, sendData } from './http.js';

/** Where alert notifications go: webhook, Telegram, the desktop (secrets come back masked). */

export function fetchNotificationSettings(): Promise<NotificationSettingsView> {
  return getData('/api/settings/notifications', NotificationSettingsViewSchema);
}

/** A secret left blank keeps the stored one; null removes it. */
export function saveNotificationSettings(
  settings: UpdateNotificationSettingsRequest,
): Promise<NotificationSettingsView> {
  return sendData('PUT', '/api/settings/notifications', settings, NotificationSettingsViewSchema);
}

/** Sends a test message now; resolves with how the delivery went, failed or not. */
export function sendTestNotification(channel: NotificationChannel): Promise<DeliveryResult> {
  return sendData('POST', '/api/settings/notifications/test', { channel }, DeliveryResultSchema);
}
