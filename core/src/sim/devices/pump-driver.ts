import type { Clock, TimerHandle } from '../../runtime/clock.js';

/** ph/ec firmware: FIFO of 8 waiting runs, one pump at a time (§11.1). */
export const PUMP_QUEUE_DEPTH = 8;

export type PumpOutcome =
  | { readonly ok: true; readonly ranMs: number; readonly currentMa: number }
  | { readonly ok: false; readonly ranMs: number; readonly code: string; readonly message: string };

export interface PumpJob {
  readonly channel: string;
  readonly durationMs: number;
  /** Called exactly once, when the run ends or is aborted. */
  readonly finish: (outcome: PumpOutcome) => void;
}

export type SubmitResult =
  | { readonly accepted: true; readonly queued: boolean; readonly cooldownMs: number }
  | { readonly accepted: false };

export interface PumpDriverDeps {
  readonly clock: Clock;
  minOffMs(channel: string): number;
  /** INA209 window in mA. */
  currentWindow(): readonly [number, number];
  /** INA209 bus current at the end of a run; null when there is no valid reading. */
  readCurrent(channel: string): number | null;
  /** The pump that is running now changed (drives the physical model and telemetry). */
  onRunning(channel: string | null): void;
}

interface Running {
  readonly job: PumpJob;
  readonly startedAt: number;
  readonly timer: TimerHandle;
}

/**
 * The dosing-pump driver: jobs run one at a time in arrival order; a channel still inside its
 * `min_off_ms` after its last run holds the queue until the cooldown is over. DONE needs a
 * valid INA209 reading inside the current window.
 */
export class PumpDriver {
  private readonly queue: PumpJob[] = [];
  private running: Running | undefined;
  private readonly lastOff = new Map<string, number>();
  private wake: TimerHandle | undefined;

  constructor(private readonly deps: PumpDriverDeps) {}

  submit(job: PumpJob): SubmitResult {
    const cooldownMs = this.cooldownMs(job.channel);
    if (!this.running && this.queue.length === 0 && cooldownMs === 0) {
      this.start(job);
      return { accepted: true, queued: false, cooldownMs: 0 };
    }
    if (this.queue.length >= PUMP_QUEUE_DEPTH) return { accepted: false };
    this.queue.push(job);
    this.advance();
    return { accepted: true, queued: true, cooldownMs };
  }

  runningChannel(): string | undefined {
    return this.running?.job.channel;
  }

  queued(): number {
    return this.queue.length;
  }

  /** Abort the running and queued jobs; returns the channel that was running, if any. */
  stopAll(code: string, message: string): string[] {
    this.wake?.cancel();
    this.wake = undefined;
    const stopped: string[] = [];
    const running = this.running;
    if (running) {
      running.timer.cancel();
      this.finishRun(running, { ok: false, ranMs: this.elapsed(running), code, message });
      stopped.push(running.job.channel);
    }
    for (const job of this.queue.splice(0)) job.finish({ ok: false, ranMs: 0, code, message });
    return stopped;
  }

  /** Power loss: cooldown memory goes with the RAM. */
  reset(code: string, message: string): void {
    this.stopAll(code, message);
    this.lastOff.clear();
  }

  private cooldownMs(channel: string): number {
    const last = this.lastOff.get(channel);
    if (last === undefined) return 0;
    return Math.max(0, last + this.deps.minOffMs(channel) - this.deps.clock.monotonic());
  }

  private advance(): void {
    if (this.running || this.wake) return;
    const head = this.queue[0];
    if (!head) return;
    const cooldownMs = this.cooldownMs(head.channel);
    if (cooldownMs > 0) {
      this.wake = this.deps.clock.setTimeout(() => {
        this.wake = undefined;
        this.advance();
      }, cooldownMs);
      return;
    }
    this.queue.shift();
    this.start(head);
  }

  private start(job: PumpJob): void {
    const startedAt = this.deps.clock.monotonic();
    const timer = this.deps.clock.setTimeout(() => this.complete(), job.durationMs);
    this.running = { job, startedAt, timer };
    this.deps.onRunning(job.channel);
  }

  private complete(): void {
    const running = this.running;
    if (!running) return;
    // The timer is the pump's run time; wall-clock jitter must not shave the dose.
    const ranMs = running.job.durationMs;
    const current = this.deps.readCurrent(running.job.channel);
    const [min, max] = this.deps.currentWindow();
    let outcome: PumpOutcome;
    if (current === null) {
      outcome = {
        ok: false,
        ranMs,
        code: 'current_unavailable',
        message: 'No valid pump current reading',
      };
    } else if (current < min) {
      outcome = {
        ok: false,
        ranMs,
        code: 'pump_current_under_range',
        message: `Pump current ${current} mA below ${min} mA`,
      };
    } else if (current > max) {
      outcome = {
        ok: false,
        ranMs,
        code: 'pump_current_over_range',
        message: `Pump current ${current} mA above ${max} mA`,
      };
    } else {
      outcome = { ok: true, ranMs, currentMa: current };
    }
    this.finishRun(running, outcome);
    this.advance();
  }

  private finishRun(running: Running, outcome: PumpOutcome): void {
    this.running = undefined;
    this.lastOff.set(running.job.channel, this.deps.clock.monotonic());
    this.deps.onRunning(null);
    running.job.finish(outcome);
  }

  private elapsed(running: Running): number {
    return Math.min(running.job.durationMs, this.deps.clock.monotonic() - running.startedAt);
  }
}
