import type { FastifyInstance } from 'fastify';
import { auditActor } from '../../access/audit.js';
import {
  NotificationSettingsSchema,
  TestNotificationRequestSchema,
  UpdateNotificationSettingsRequestSchema,
} from '../../contracts/settings.js';
import {
  NOTIFICATION_SETTINGS_KEY,
  type NotificationService,
} from '../../notify/notification-service.js';
import {
  mergeNotificationSettings,
  notificationSettingsDiff,
} from '../../notify/settings-document.js';
import type { Clock } from '../../runtime/clock.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, requireCapability } from '../guards.js';

export interface SettingsRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  notifications: NotificationService;
  clock: Clock;
}

/** Runtime settings (reference-backend-ui.md §2.12): notification channels, admins only. */
export function registerSettingsRoutes(api: FastifyInstance, deps: SettingsRouteDeps): void {
  api.get('/api/settings/notifications', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      return sendOk(reply, deps.notifications.view());
    }),
  );

  api.put('/api/settings/notifications', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'system.admin');
      const update = parseBody(reply, UpdateNotificationSettingsRequestSchema, request.body);
      const before = deps.notifications.current();
      // Checked again once merged: enabling a channel needs its secret, sent now or stored.
      const next = parseBody(
        reply,
        NotificationSettingsSchema,
        mergeNotificationSettings(before, update),
      );
      const actor = auditActor(principal);
      const view = await deps.notifications.save(next, actor);
      await deps.storage().audit.insert({
        actor,
        action: 'settings.update',
        targetType: 'settings',
        targetId: NOTIFICATION_SETTINGS_KEY,
        diff: notificationSettingsDiff(before, next),
        at: deps.clock.now(),
      });
      return sendOk(reply, view);
    }),
  );

  // Answers 200 with the outcome either way: the request worked even when the delivery did not.
  api.post('/api/settings/notifications/test', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      const { channel } = parseBody(reply, TestNotificationRequestSchema, request.body);
      return sendOk(reply, await deps.notifications.test(channel));
    }),
  );
}
