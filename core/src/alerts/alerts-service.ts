import { severitiesAtLeast, type AlertSeverity, type AlertSource } from '../contracts/alerts.js';
import type { EventSink } from '../devices/views.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { AlertRecord } from '../storage/alerts-events-types.js';
import type { Storage } from '../storage/storage.js';
import { AlertNotFoundError, alertView } from './alert-view.js';

/** Reference-domain.md §9.2: at most 10 new alerts per zone per minute… */
const RATE_WINDOW_MS = 60_000;
const MAX_NEW_PER_WINDOW = 10;
/** …except these codes, which must always surface. */
const RATE_EXEMPT_CODES: ReadonlySet<string> = new Set([
  'infra_sensor_failure',
  'infra_pump_failure',
  'infra_controller_failure',
  'infra_power_failure',
  'infra_network_failure',
]);
/**
 * Repeats of one alert are announced at most this often (the last one always is): a node that
 * reports an error 50 times a second must not flood clients or the event log.
 */
const REPEAT_ANNOUNCE_MS = 1_000;

export interface RaiseAlert {
  /** Null for infrastructure alerts that belong to no zone. */
  zoneId: number | null;
  code: string;
  severity: AlertSeverity;
  message: string;
  /** Identity: raising again while it is ACTIVE counts a repeat instead of adding an alert. */
  dedupeKey: string;
  details?: Record<string, unknown>;
  /** Defaults from the code: `infra_*` → infra, `node_*` → node, otherwise biz. */
  source?: AlertSource;
}

export interface AlertsContext {
  readonly storage: Storage;
  clock: Clock;
  logger: Logger;
  publish: EventSink;
}

interface RepeatWindow {
  timer: TimerHandle;
  pending: AlertRecord | null;
}

/**
 * The single owner of alerts: producers raise and resolve through it, it folds repeats into one
 * row, rate-limits new alerts per zone and tells realtime clients (`alert.created`,
 * `alert.updated`).
 */
export class AlertsService implements Component {
  readonly name = 'alerts';
  private readonly createdAt = new Map<string, number[]>();
  private readonly warnedAt = new Map<string, number>();
  private readonly windows = new Map<number, RepeatWindow>();
  private raised = 0;
  private suppressed = 0;

  constructor(private readonly ctx: AlertsContext) {}

  start(): Promise<void> {
    return Promise.resolve();
  }

  /** Announce repeats still held back, so the last state reaches clients and the log. */
  stop(): Promise<void> {
    for (const [id, window] of this.windows) {
      window.timer.cancel();
      this.windows.delete(id);
      if (window.pending) this.announce('alert.updated', window.pending);
    }
    return Promise.resolve();
  }

  status(): ComponentStatus {
    return {
      state: 'healthy',
      detail: this.suppressed > 0 ? `${this.suppressed} new alerts rate-limited` : null,
      metrics: { raised: this.raised, rate_limited: this.suppressed },
    };
  }

  /** New alerts dropped by the per-zone rate limit since start. */
  get rateLimited(): number {
    return this.suppressed;
  }

  /**
   * Raise an alert, or count a repeat of the ACTIVE one with the same dedupe key. Returns the
   * alert, or null when a new alert was dropped by the rate limit (counted and logged).
   */
  async raise(input: RaiseAlert): Promise<AlertRecord | null> {
    const now = this.ctx.clock.now();
    const repo = this.ctx.storage.alerts;
    const details = input.details ?? null;
    const repeated = await repo.repeat(input.dedupeKey, { message: input.message, details }, now);
    if (repeated) {
      this.announceRepeat(repeated);
      return repeated;
    }
    if (!this.admit(input, now)) return null;
    const { alert, created } = await repo.open(
      {
        zoneId: input.zoneId,
        code: input.code,
        source: input.source ?? sourceOf(input.code),
        severity: input.severity,
        dedupeKey: input.dedupeKey,
        message: input.message,
        details,
      },
      now,
    );
    if (!created) {
      this.announceRepeat(alert);
      return alert;
    }
    this.raised++;
    this.announce('alert.created', alert);
    this.openWindow(alert.id);
    return alert;
  }

  /**
   * Resolve alerts by id (a user's acknowledgement). Unknown ids fail the whole call and change
   * nothing; ids already resolved are reported, not changed.
   */
  async resolve(
    ids: number[],
    by: string,
  ): Promise<{ resolved: AlertRecord[]; alreadyResolved: number[] }> {
    const repo = this.ctx.storage.alerts;
    const unique = [...new Set(ids)];
    const found = new Set((await repo.byIds(unique)).map((a) => a.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AlertNotFoundError(missing);
    const resolved = await repo.resolve(unique, by, this.ctx.clock.now());
    for (const alert of resolved) this.settle(alert);
    const done = new Set(resolved.map((a) => a.id));
    return { resolved, alreadyResolved: unique.filter((id) => !done.has(id)) };
  }

  /** Auto-resolve: the producer saw the cause clear. Null when nothing with the key was active. */
  async resolveByKey(dedupeKey: string): Promise<AlertRecord | null> {
    const alert = await this.ctx.storage.alerts.resolveByKey(
      dedupeKey,
      'auto',
      this.ctx.clock.now(),
    );
    if (alert) this.settle(alert);
    return alert;
  }

  /** True when the zone has an ACTIVE alert of `severity` or worse (grow-cycle guards use it). */
  hasActiveAtLeast(zoneId: number, severity: AlertSeverity): Promise<boolean> {
    return this.ctx.storage.alerts.hasActive(zoneId, severitiesAtLeast(severity));
  }

  private admit(input: RaiseAlert, now: number): boolean {
    if (RATE_EXEMPT_CODES.has(input.code)) return true;
    const key = input.zoneId === null ? 'none' : String(input.zoneId);
    const recent = (this.createdAt.get(key) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    if (recent.length < MAX_NEW_PER_WINDOW) {
      recent.push(now);
      this.createdAt.set(key, recent);
      return true;
    }
    this.createdAt.set(key, recent);
    this.suppressed++;
    // One warning per zone and window: the log must not become the flood it reports.
    if (now - (this.warnedAt.get(key) ?? -Infinity) >= RATE_WINDOW_MS) {
      this.warnedAt.set(key, now);
      this.ctx.logger.warn(
        { zoneId: input.zoneId, code: input.code, dedupeKey: input.dedupeKey },
        `more than ${MAX_NEW_PER_WINDOW} new alerts in a minute for this zone; new alerts dropped`,
      );
    }
    return false;
  }

  private announceRepeat(alert: AlertRecord): void {
    const window = this.windows.get(alert.id);
    if (window) {
      window.pending = alert;
      return;
    }
    this.announce('alert.updated', alert);
    this.openWindow(alert.id);
  }

  /** Hold back repeats of `id` for a while; the newest held one is announced when it ends. */
  private openWindow(id: number): void {
    const window: RepeatWindow = {
      pending: null,
      timer: this.ctx.clock.setTimeout(() => {
        this.windows.delete(id);
        if (!window.pending) return;
        this.announce('alert.updated', window.pending);
        this.openWindow(id);
      }, REPEAT_ANNOUNCE_MS),
    };
    this.windows.set(id, window);
  }

  /** A resolution is announced at once; a held-back repeat would now be stale. */
  private settle(alert: AlertRecord): void {
    this.windows.get(alert.id)?.timer.cancel();
    this.windows.delete(alert.id);
    this.announce('alert.updated', alert);
  }

  private announce(event: 'alert.created' | 'alert.updated', alert: AlertRecord): void {
    this.ctx.publish({ channel: 'hydro.alerts', event, data: { alert: alertView(alert) } });
  }
}

function sourceOf(code: string): AlertSource {
  if (code.startsWith('infra_')) return 'infra';
  if (code.startsWith('node_')) return 'node';
  return 'biz';
}
