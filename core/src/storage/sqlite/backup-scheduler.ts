import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import type { Logger } from '../../runtime/logger.js';
import { listBackups, type BackupInfo } from './backup.js';
import type { SqliteDatabase } from './sqlite-database.js';

/** How often the scheduler looks whether a backup is due. */
const CHECK_MS = 60 * 60_000;
/** The first look waits a little, so start-up (and a start that fails) is not spent copying. */
const FIRST_CHECK_MS = 60_000;

/** Takes a backup whenever the newest scheduled one is older than the interval (daily by default). */
export class BackupScheduler implements Component {
  readonly name = 'backups';
  private timers: TimerHandle[] = [];
  private running: Promise<void> | undefined;
  private last: BackupInfo | undefined;
  private lastError: string | null = null;

  constructor(
    private readonly ctx: {
      database: SqliteDatabase;
      dataDir: string;
      intervalHours: number;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  start(): Promise<void> {
    this.last = listBackups(this.ctx.dataDir).find((b) => !b.name.includes('-pre-'));
    if (this.ctx.intervalHours > 0) {
      const check = () => void this.runIfDue();
      this.timers = [
        this.ctx.clock.setTimeout(check, FIRST_CHECK_MS),
        this.ctx.clock.setInterval(check, Math.min(CHECK_MS, this.intervalMs())),
      ];
    }
    return Promise.resolve();
  }

  /** Waits for a backup in progress, so the database is never closed under it. */
  async stop(): Promise<void> {
    for (const timer of this.timers) timer.cancel();
    this.timers = [];
    await this.running;
  }

  status(): ComponentStatus {
    const metrics = {
      interval_hours: this.ctx.intervalHours,
      last_backup_bytes: this.last?.sizeBytes ?? 0,
    };
    if (this.ctx.intervalHours === 0)
      return { state: 'degraded', detail: 'scheduled backups are off', metrics };
    if (this.lastError)
      return { state: 'degraded', detail: `last backup failed: ${this.lastError}`, metrics };
    const detail = this.last ? `last ${this.last.name}` : 'no backup yet';
    return { state: 'healthy', detail, metrics };
  }

  private intervalMs(): number {
    return this.ctx.intervalHours * 3600_000;
  }

  private runIfDue(): Promise<void> {
    if (this.running) return this.running;
    if (this.last && this.ctx.clock.now() - this.last.createdAt < this.intervalMs())
      return Promise.resolve();
    this.running = this.backup().finally(() => (this.running = undefined));
    return this.running;
  }

  private async backup(): Promise<void> {
    try {
      this.last = await this.ctx.database.backup();
      this.lastError = null;
      this.ctx.logger.info({ file: this.last.file }, 'scheduled backup written');
    } catch (error) {
      this.lastError = (error as Error).message;
      this.ctx.logger.error({ err: error }, 'scheduled backup failed');
    }
  }
}
