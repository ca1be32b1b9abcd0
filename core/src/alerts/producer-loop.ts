import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentMetrics, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { AlertRecord } from '../storage/alerts-events-types.js';
import type { Storage } from '../storage/storage.js';
import type { AlertsService } from './alerts-service.js';

/** What the state-watching alert producers read and raise through. */
export interface ProducerContext {
  readonly storage: Storage;
  clock: Clock;
  logger: Logger;
  alerts: AlertsService;
}

/** Active alerts are read in pages of this many rows. */
const PAGE = 500;

/**
 * A producer that looks at the store every `intervalMs` (nodes, bindings, telemetry) and raises or
 * resolves alerts through the AlertsService. It never listens to MQTT: the store is the truth, and
 * a check that sees the same state twice changes nothing. `tick()` runs a check now; a tick while
 * one runs joins it.
 */
export abstract class PollingProducer implements Component {
  abstract readonly name: string;
  /** When this run started; state older than this was not observed by it. */
  protected startedAt = 0;
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private lastError: string | null = null;
  private checks = 0;

  constructor(
    protected readonly ctx: ProducerContext,
    private readonly intervalMs: number,
  ) {}

  /** Adopts the alerts an earlier run left ACTIVE, checks once, then every interval. */
  async start(): Promise<void> {
    this.startedAt = this.ctx.clock.now();
    await this.guard('restore', () => this.restore());
    await this.tick();
    this.timer = this.ctx.clock.setInterval(() => void this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }

  status(): ComponentStatus {
    const state =
      this.timer === null ? 'stopped' : this.lastError === null ? 'healthy' : 'degraded';
    return {
      state,
      detail: this.lastError === null ? null : `last check failed: ${this.lastError}`,
      metrics: { checks: this.checks, ...this.metrics() },
    };
  }

  tick(): Promise<void> {
    this.running ??= this.guard('check', async () => {
      await this.check();
      this.checks++;
    }).finally(() => (this.running = null));
    return this.running;
  }

  /** Take over the ACTIVE alerts of this producer's codes, so their recovery resolves them. */
  protected abstract restore(): Promise<void>;
  protected abstract check(): Promise<void>;
  protected abstract metrics(): ComponentMetrics;

  /** Every ACTIVE alert of `codes`. */
  protected async activeAlerts(codes: readonly string[]): Promise<AlertRecord[]> {
    const out: AlertRecord[] = [];
    for (const code of codes) {
      for (let offset = 0; ; offset += PAGE) {
        const { alerts } = await this.ctx.storage.alerts.list({
          status: 'ACTIVE',
          code,
          limit: PAGE,
          offset,
        });
        out.push(...alerts);
        if (alerts.length < PAGE) break;
      }
    }
    return out;
  }

  /** A failing check is logged and retried on the next tick; it never stops the producer. */
  private async guard(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.ctx.logger.error({ err: error, producer: this.name, what }, 'alert producer failed');
    }
  }
}
