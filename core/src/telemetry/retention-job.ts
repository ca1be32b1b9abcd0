import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { RetentionPolicy, TelemetryHistory } from '../storage/telemetry-history.js';

const RUN_EVERY_MS = 60 * 60_000;

/** Applies the retention policy hourly, so the database stops growing once the windows are full. */
export class RetentionJob implements Component {
  readonly name = 'retention';
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private lastDeleted = 0;
  private lastRun: number | null = null;

  constructor(
    private readonly ctx: {
      history: () => TelemetryHistory;
      policy: RetentionPolicy;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  start(): Promise<void> {
    this.timer = this.ctx.clock.setInterval(() => void this.run(), RUN_EVERY_MS);
    void this.run();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    // A delete in flight finishes before the store it runs on is closed.
    await this.running;
  }

  status(): ComponentStatus {
    const { policy } = this.ctx;
    return {
      state: 'healthy',
      detail: `raw ${policy.rawDays} d, 1 min ${policy.minuteDays} d, 1 h ${policy.hourDays} d, 1 d ${policy.dayDays ?? '∞'}`,
      metrics: { last_deleted_rows: this.lastDeleted, last_run: this.lastRun ?? 0 },
    };
  }

  /** One pass; a pass still running (a slow delete on a big store) is not started twice. */
  private run(): Promise<void> {
    this.running ??= this.apply().finally(() => (this.running = undefined));
    return this.running;
  }

  private async apply(): Promise<void> {
    try {
      const now = this.ctx.clock.now();
      const deleted = await this.ctx.history().applyRetention(this.ctx.policy, now);
      this.lastDeleted = Object.values(deleted).reduce((a, b) => a + b, 0);
      this.lastRun = now;
      if (this.lastDeleted > 0) this.ctx.logger.info({ deleted }, 'retention applied');
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'retention failed');
    }
  }
}
