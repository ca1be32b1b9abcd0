import { AlertsService } from '../../src/alerts/alerts-service.js';
import type { AlertSeverity, AlertView } from '../../src/contracts/alerts.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
} from '../../src/contracts/settings.js';
import type { EventSink } from '../../src/devices/views.js';
import { NotificationService } from '../../src/notify/notification-service.js';
import type { ComponentMetrics } from '../../src/runtime/component.js';
import { silentLogger } from '../../src/runtime/logger.js';
import type { Storage } from '../../src/storage/storage.js';
import { seedZone, T0 } from '../contract/records.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { memoryStorage } from './access-app.js';
import { startFakeReceiver, type FakeReceiver } from './fake-receiver.js';

type Published = Parameters<EventSink>[0];
type ChannelPatch = {
  [C in keyof NotificationSettings]?: Partial<NotificationSettings[C]>;
};

export const BOT_TOKEN = '123456789:AAFakeTokenForTests_abcdefghijklmno';

export interface NotifyFixture {
  clock: FakeClock;
  storage: Storage;
  receiver: FakeReceiver;
  notifications: NotificationService;
  alerts: AlertsService;
  zoneId: number;
  /** Every realtime event published, alert events and desktop notifications alike. */
  published: Published[];
  /** The `notification.show` payloads published so far. */
  desktop(): { title: string; body: string; severity: AlertSeverity; alert_id: number | null }[];
  /** Save settings: the defaults with webhook → `<receiver>/hook`, Telegram → the receiver. */
  configure(patch: ChannelPatch): Promise<void>;
  raise(key: string, severity: AlertSeverity, code?: string): Promise<AlertView>;
  metrics(): ComponentMetrics;
  close(): Promise<void>;
}

/**
 * A NotificationService fed by a real AlertsService over an in-memory SQLite store, on a fake
 * clock, with one real local HTTP server standing in for both the webhook receiver and the Bot
 * API (`telegramApiUrl` points at it).
 */
export async function notifyFixture(): Promise<NotifyFixture> {
  const clock = new FakeClock(T0);
  const storage = memoryStorage();
  const receiver = await startFakeReceiver();
  const published: Published[] = [];
  const notifications = new NotificationService({
    storage: () => storage,
    clock,
    logger: silentLogger(),
    publish: (event) => published.push(event),
    telegramApiUrl: receiver.url,
  });
  const alerts = new AlertsService({
    storage,
    clock,
    logger: silentLogger(),
    // As create-core wires it: the alerts' realtime sink, tapped by the notifier.
    publish: notifications.tap((event) => published.push(event)),
  });
  await notifications.start();
  await alerts.start();
  const zoneId = (await seedZone(storage, 'zn-notify')).id;
  return {
    clock,
    storage,
    receiver,
    notifications,
    alerts,
    zoneId,
    published,
    desktop: () =>
      published
        .filter((e) => e.event === 'notification.show')
        .map((e) => e.data as ReturnType<NotifyFixture['desktop']>[number]),
    async configure(patch) {
      const base = DEFAULT_NOTIFICATION_SETTINGS;
      await notifications.save(
        {
          webhook: { ...base.webhook, url: `${receiver.url}/hook`, ...patch.webhook },
          telegram: { ...base.telegram, bot_token: BOT_TOKEN, chat_id: '-1001', ...patch.telegram },
          desktop: { ...base.desktop, ...patch.desktop },
        },
        'test',
      );
    },
    async raise(key, severity, code = `biz_${key}`) {
      const alert = await alerts.raise({
        zoneId,
        code,
        severity,
        message: `${key} went wrong`,
        dedupeKey: key,
      });
      const view = published.findLast(
        (e) => e.event === 'alert.created' || e.event === 'alert.updated',
      );
      if (!alert || !view) throw new Error(`alert ${key} was not raised`);
      return (view.data as { alert: AlertView }).alert;
    },
    metrics: () => notifications.status().metrics,
    async close() {
      await alerts.stop();
      await notifications.stop();
      await receiver.close();
    },
  };
}

/** Real time for real I/O to happen (or, as asserted after it, not to). */
export const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));
