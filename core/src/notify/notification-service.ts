import type { AlertSeverity, AlertView } from '../contracts/alerts.js';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationSettingsSchema,
  type DeliveryResult,
  type NotificationChannel,
  type NotificationSettings,
  type NotificationSettingsView,
} from '../contracts/settings.js';
import type { EventSink } from '../devices/views.js';
import type { Clock } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { Delivery } from './http-delivery.js';
import {
  alertNotification,
  cut,
  isWorse,
  meets,
  testNotification,
  type Notification,
} from './notification.js';
import { maskNotificationSettings } from './settings-document.js';
import { sendTelegram } from './telegram.js';
import { sendWebhook } from './webhook.js';

/** The settings document's key in the store. */
export const NOTIFICATION_SETTINGS_KEY = 'notifications';
export const DEFAULT_TELEGRAM_API_URL = 'https://api.telegram.org';

const QUEUE_CAPACITY = 100;
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 1_000;
/** Reference-domain.md §9.4: one notification per alert code and zone per minute. */
const QUIET_MS = 60_000;
/** Severities remembered for spotting escalations; the oldest are forgotten beyond this. */
const MAX_TRACKED = 10_000;
/** Native notifications show little text. */
const MAX_DESKTOP_BODY = 240;

type RemoteChannel = 'webhook' | 'telegram';
type EventBody = Parameters<EventSink>[0];

export interface NotificationContext {
  storage: () => Storage;
  clock: Clock;
  /** The service logs as its own `notifications` module. */
  logger: Logger;
  /** The realtime feed: desktop notifications are `notification.show` events on it. */
  publish: EventSink;
  /** Bot API base URL (default {@link DEFAULT_TELEGRAM_API_URL}). */
  telegramApiUrl: string;
}

/**
 * Tells people about alerts away from the alerts page: a new ACTIVE alert, or an active one whose
 * severity rises, goes to every enabled channel whose minimum severity it meets. Remote channels
 * (webhook, Telegram) deliver from their own outbox with retries, so raising an alert never waits
 * for a network; the desktop channel is a realtime event the Electron shell shows natively.
 */
export class NotificationService implements Component {
  readonly name = 'notifications';
  private settings: NotificationSettings = DEFAULT_NOTIFICATION_SETTINGS;
  private saved: { updatedAt: number; updatedBy: string | null } | null = null;
  private running = false;
  private abort = new AbortController();
  private readonly queues: Record<RemoteChannel, DeliveryQueue>;
  private readonly severities = new Map<number, AlertSeverity>();
  private readonly lastSent = new Map<string, number>();
  private desktopShown = 0;
  private suppressed = 0;
  private readonly logger: Logger;

  constructor(private readonly ctx: NotificationContext) {
    this.logger = ctx.logger.child({ module: 'notifications' });
    this.queues = { webhook: this.queue('webhook'), telegram: this.queue('telegram') };
  }

  async start(): Promise<void> {
    this.abort = new AbortController();
    const stored = await this.ctx.storage().settings.get(NOTIFICATION_SETTINGS_KEY);
    if (stored) {
      const parsed = NotificationSettingsSchema.safeParse(stored.value);
      if (parsed.success) {
        this.settings = parsed.data;
        this.saved = { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
      } else {
        // Never fatal: alerts must keep flowing. The defaults keep desktop notifications on.
        this.logger.warn(
          { issues: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) },
          'stored notification settings are invalid; using the defaults until they are saved again',
        );
      }
    }
    this.running = true;
  }

  stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    const left = this.queues.webhook.stop() + this.queues.telegram.stop();
    if (left > 0) this.logger.warn({ undelivered: left }, 'notifications left undelivered');
    return Promise.resolve();
  }

  status(): ComponentStatus {
    const { webhook, telegram } = this.queues;
    const total = (key: 'failed' | 'retried' | 'dropped') =>
      webhook.stats[key] + telegram.stats[key];
    const metrics = {
      sent: webhook.stats.sent + telegram.stats.sent + this.desktopShown,
      failed: total('failed'),
      retried: total('retried'),
      dropped: total('dropped'),
      suppressed: this.suppressed,
      queued: webhook.queued + telegram.queued,
    };
    if (!this.running) return { state: 'stopped', detail: null, metrics };
    const failing = (['webhook', 'telegram'] as const)
      .filter((c) => this.settings[c].enabled && this.queues[c].lastError !== null)
      .map((c) => `${c} failing: ${this.queues[c].lastError} (${this.queues[c].queued} queued)`);
    if (failing.length > 0) return { state: 'degraded', detail: failing.join('; '), metrics };
    const on = (['desktop', 'webhook', 'telegram'] as const).filter(
      (c) => this.settings[c].enabled,
    );
    return { state: 'healthy', detail: on.length > 0 ? `${on.join(', ')} on` : 'all off', metrics };
  }

  /** The settings as the API shows them (secrets masked). */
  view(): NotificationSettingsView {
    return maskNotificationSettings(this.settings, this.saved);
  }

  /** The settings with their secrets, for merging an update into. */
  current(): NotificationSettings {
    return this.settings;
  }

  /** Store and apply new settings; a channel turned off drops what it still had to send. */
  async save(next: NotificationSettings, by: string): Promise<NotificationSettingsView> {
    const record = await this.ctx
      .storage()
      .settings.put(NOTIFICATION_SETTINGS_KEY, next, by, this.ctx.clock.now());
    this.settings = next;
    this.saved = { updatedAt: record.updatedAt, updatedBy: record.updatedBy };
    for (const channel of ['webhook', 'telegram'] as const) {
      if (!next[channel].enabled) this.queues[channel].clear();
    }
    return this.view();
  }

  /** `publish`, with every event it carries also seen by this service (the alerts' sink). */
  tap(publish: EventSink): EventSink {
    return (event) => {
      publish(event);
      this.observe(event);
    };
  }

  /** Picks the alert announcements out of realtime events. */
  observe(event: EventBody): void {
    if (event.event !== 'alert.created' && event.event !== 'alert.updated') return;
    // Omit<> over the event union loses the event → data link; alert events carry { alert }.
    this.onAlert(event.event, (event.data as { alert: AlertView }).alert);
  }

  /** A new alert is announced; an updated one only when its severity rose while ACTIVE. */
  onAlert(event: 'alert.created' | 'alert.updated', alert: AlertView): void {
    if (!this.running) return;
    if (alert.status !== 'ACTIVE') {
      this.severities.delete(alert.id);
      return;
    }
    const before = this.severities.get(alert.id);
    this.remember(alert);
    const kind =
      event === 'alert.created'
        ? 'alert.created'
        : before !== undefined && isWorse(alert.severity, before)
          ? 'alert.escalated'
          : null;
    if (kind === null) return;
    // Off the raising path: the alert is stored and announced whatever happens here.
    this.dispatch(kind, alert).catch((error: unknown) =>
      this.logger.error({ err: error, alertId: alert.id }, 'cannot send notifications'),
    );
  }

  /** Send a test message through `channel` now (no queue, no retries), even if it is off. */
  async test(channel: NotificationChannel): Promise<DeliveryResult> {
    const started = this.ctx.clock.monotonic();
    const n = testNotification(channel);
    const delivery = channel === 'desktop' ? this.showOnDesktop(n) : await this.send(channel, n);
    if (delivery.ok && channel !== 'desktop') this.queues[channel].markReachable();
    return {
      channel,
      ok: delivery.ok,
      status: delivery.status,
      error: delivery.error,
      duration_ms: Math.max(0, Math.round(this.ctx.clock.monotonic() - started)),
    };
  }

  private async dispatch(kind: 'alert.created' | 'alert.escalated', alert: AlertView) {
    const targets = (['desktop', 'webhook', 'telegram'] as const).filter(
      (c) => this.settings[c].enabled && meets(alert.severity, this.settings[c].min_severity),
    );
    if (targets.length === 0) return;
    if (kind === 'alert.created' && this.recentlySent(alert)) {
      this.suppressed++;
      return;
    }
    const n = alertNotification(kind, alert, await this.zoneName(alert.zone_id));
    if (!this.running) return;
    for (const channel of targets) {
      if (channel === 'desktop') this.showOnDesktop(n);
      else this.queues[channel].push(n);
    }
  }

  private showOnDesktop(n: Notification): Delivery {
    this.ctx.publish({
      channel: 'hydro.system',
      event: 'notification.show',
      data: {
        title: `Hydro: ${n.title}`,
        body: cut(n.body, MAX_DESKTOP_BODY),
        severity: n.severity,
        alert_id: n.alert?.id ?? null,
      },
    });
    if (n.kind !== 'test') this.desktopShown++;
    return { ok: true, status: null, error: null, retryable: false };
  }

  /** One attempt with the settings as they are now (a fixed URL helps the next retry). */
  private send(channel: RemoteChannel, n: Notification): Promise<Delivery> {
    const { signal } = this.abort;
    if (channel === 'webhook') {
      return sendWebhook(this.settings.webhook, n, this.ctx.clock.now(), signal);
    }
    return sendTelegram(this.ctx.telegramApiUrl, this.settings.telegram, n, signal);
  }

  private queue(channel: RemoteChannel): DeliveryQueue {
    return new DeliveryQueue({
      clock: this.ctx.clock,
      capacity: QUEUE_CAPACITY,
      maxAttempts: MAX_ATTEMPTS,
      firstRetryMs: FIRST_RETRY_MS,
      send: (n) => this.send(channel, n),
      onFailed: (n, last, attempts) =>
        this.logger.warn(
          {
            channel,
            alertId: n.alert?.id ?? null,
            attempts,
            status: last.status,
            error: last.error,
          },
          'notification not delivered',
        ),
    });
  }

  /** Reference-domain.md §9.4: alerts of one code in one zone notify once a minute at most. */
  private recentlySent(alert: AlertView): boolean {
    const now = this.ctx.clock.now();
    const key = `${alert.code}|${alert.zone_id ?? ''}`;
    const last = this.lastSent.get(key);
    if (last !== undefined && now - last < QUIET_MS) return true;
    this.lastSent.set(key, now);
    if (this.lastSent.size > MAX_TRACKED) {
      for (const [k, at] of this.lastSent) if (now - at >= QUIET_MS) this.lastSent.delete(k);
    }
    return false;
  }

  private remember(alert: AlertView): void {
    this.severities.delete(alert.id);
    this.severities.set(alert.id, alert.severity);
    if (this.severities.size > MAX_TRACKED) {
      this.severities.delete(this.severities.keys().next().value!);
    }
  }

  private async zoneName(zoneId: number | null): Promise<string | null> {
    if (zoneId === null) return null;
    try {
      return (await this.ctx.storage().zones.byId(zoneId))?.name ?? null;
    } catch {
      return null;
    }
  }
}
