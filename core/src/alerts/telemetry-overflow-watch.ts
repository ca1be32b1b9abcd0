import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { AlertsService } from './alerts-service.js';

export const TELEMETRY_OVERFLOW_CODE = 'telemetry_queue_overflow';
/** One telemetry writer queue per core process, so one key: a restart inherits and clears it. */
export const TELEMETRY_OVERFLOW_KEY = 'telemetry_queue_overflow:ingest';
/** While the queue overflows, the alert is raised again (counted) this often. */
const CHECK_MS = 5_000;
/** The queue counts as drained after this long without a drop and at most half full. */
export const DRAINED_MS = 60_000;

export interface TelemetryOverflowWatchOptions {
  alerts: AlertsService;
  /** The writer queue's fill: samples waiting and how many it holds before dropping. */
  queue: () => { pending: number; capacity: number };
  clock: Clock;
  logger: Logger;
}

/**
 * Turns telemetry dropped for a full writer queue into an infrastructure alert (error), repeated
 * while drops continue and resolved once the queue has drained for a while. Timers run only while
 * an alert may be active.
 */
export class TelemetryOverflowWatch implements Component {
  readonly name = 'telemetry-queue';
  private droppedTotal = 0;
  private reportedTotal = 0;
  private lastDropAt = 0;
  /** An alert may be ACTIVE: raised by this run, or left by an earlier one. */
  private open = false;
  private raisedThisEpisode = false;
  private running = false;
  private timer: TimerHandle | undefined;

  constructor(private readonly options: TelemetryOverflowWatchOptions) {}

  start(): Promise<void> {
    this.running = true;
    // A previous run may have left the alert active; a fresh queue clears it after the calm.
    this.open = true;
    this.lastDropAt = this.options.clock.now();
    this.schedule();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
    return Promise.resolve();
  }

  status(): ComponentStatus {
    const overflowing =
      this.raisedThisEpisode && this.options.clock.now() - this.lastDropAt < DRAINED_MS;
    const { pending, capacity } = this.options.queue();
    return {
      state: this.running ? (overflowing ? 'degraded' : 'healthy') : 'stopped',
      detail: overflowing ? `writer queue full, ${this.droppedTotal} samples dropped` : null,
      metrics: { pending, capacity, dropped: this.droppedTotal },
    };
  }

  /** Ingest calls this for every sample dropped for a full queue, with the total so far. */
  onOverflow(droppedTotal: number): void {
    this.droppedTotal = droppedTotal;
    this.lastDropAt = this.options.clock.now();
    this.open = true;
    if (!this.raisedThisEpisode) void this.raise();
    this.schedule();
  }

  private async raise(): Promise<void> {
    this.raisedThisEpisode = true;
    this.reportedTotal = this.droppedTotal;
    const { capacity } = this.options.queue();
    try {
      await this.options.alerts.raise({
        zoneId: null,
        source: 'infra',
        code: TELEMETRY_OVERFLOW_CODE,
        severity: 'error',
        dedupeKey: TELEMETRY_OVERFLOW_KEY,
        message: `The telemetry writer fell behind: ${this.droppedTotal} samples dropped (the queue holds ${capacity})`,
        details: { dropped_total: this.droppedTotal, capacity },
      });
    } catch (error) {
      this.options.logger.error({ err: error }, 'cannot raise the telemetry overflow alert');
    }
  }

  private async check(): Promise<void> {
    this.timer = undefined;
    if (!this.running) return;
    if (this.droppedTotal > this.reportedTotal) await this.raise();
    const { pending, capacity } = this.options.queue();
    const calm = this.options.clock.now() - this.lastDropAt >= DRAINED_MS;
    if (this.open && calm && pending <= capacity / 2) {
      try {
        await this.options.alerts.resolveByKey(TELEMETRY_OVERFLOW_KEY);
        this.open = false;
        this.raisedThisEpisode = false;
        return;
      } catch (error) {
        this.options.logger.error({ err: error }, 'cannot resolve the telemetry overflow alert');
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (!this.running || this.timer) return;
    this.timer = this.options.clock.setTimeout(() => void this.check(), CHECK_MS);
  }
}
