import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import type { Logger } from '../../runtime/logger.js';
import type { RetentionPolicy, SqliteTelemetryHistory } from './telemetry-history.js';

const RUN_EVERY_MS = 60 * 60_000;

/** Applies the retention policy hourly, so the database stops growing once the windows are full. */
export class RetentionJob implements Component {
  readonly name = 'retention';
  private timer: TimerHandle | undefined;
  private lastDeleted = 0;
  private lastRun: number | null = null;

  constructor(
    private readonly ctx: {
      history: () => SqliteTelemetryHistory;
      policy: RetentionPolicy;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  start(): Promise<void> {
    this.timer = this.ctx.clock.setInterval(() => this.run(), RUN_EVERY_MS);
    this.run();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    return Promise.resolve();
  }

  status(): ComponentStatus {
    const { policy } = this.ctx;
    return {
      state: 'healthy',
      detail: `raw ${policy.rawDays} d, 1 min ${policy.minuteDays} d, 1 h ${policy.hourDays} d, 1 d ${policy.dayDays ?? '∞'}`,
      metrics: { last_deleted_rows: this.lastDeleted, last_run: this.lastRun ?? 0 },
    };
  }

  private run(): void {
    try {
      const deleted = this.ctx.history().applyRetention(this.ctx.clock.now(), this.ctx.policy);
      this.lastDeleted = Object.values(deleted).reduce((a, b) => a + b, 0);
      this.lastRun = this.ctx.clock.now();
      if (this.lastDeleted > 0) this.ctx.logger.info({ deleted }, 'retention applied');
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'retention failed');
    }
  }
}
