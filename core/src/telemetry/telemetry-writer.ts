import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { SampleInput } from '../storage/types.js';

/** Flush window: samples wait at most this long before they are written. */
export const FLUSH_MS = 500;
const MAX_BATCH = 1000;
/** Beyond this many unflushed samples new ones are dropped and counted, never buffered. */
const MAX_PENDING = 50_000;
/** Flush durations kept for the p99 figure. */
const FLUSH_WINDOW = 512;

export interface TelemetryWriterOptions {
  /** Writes one batch in one transaction; resolves to the rows really inserted. */
  write: (batch: SampleInput[]) => Promise<number>;
  clock: Clock;
  logger: Logger;
  flushMs?: number;
  maxBatch?: number;
  maxPending?: number;
  /** A batch is stored (realtime fan-out hangs off this). */
  onWritten?: (batch: SampleInput[]) => void;
  /** The queue was full and a sample was dropped; `total` counts every drop so far. */
  onOverflow?: (total: number) => void;
}

export interface TelemetryWriterStats {
  pending: number;
  /** Samples the queue holds before it drops new ones. */
  capacity: number;
  written: number;
  overflow: number;
  failedBatches: number;
  flushes: number;
  flushP99Ms: number;
}

/**
 * The telemetry writer: samples are queued and written by size (a full batch) or time (the flush
 * window), one transaction per batch. The queue is bounded so a stalled disk costs counted drops,
 * never unbounded memory; a failed batch is logged and dropped so one bad write cannot wedge ingest.
 */
export class TelemetryWriter {
  private pending: SampleInput[] = [];
  private flushing: Promise<void> | undefined;
  private timer: TimerHandle | undefined;
  private readonly durations: number[] = [];
  private counts = { written: 0, overflow: 0, failedBatches: 0, flushes: 0 };
  private readonly maxBatch: number;
  private readonly maxPending: number;

  constructor(private readonly options: TelemetryWriterOptions) {
    this.maxBatch = options.maxBatch ?? MAX_BATCH;
    this.maxPending = options.maxPending ?? MAX_PENDING;
  }

  start(): void {
    this.timer ??= this.options.clock.setInterval(
      () => void this.flush(),
      this.options.flushMs ?? FLUSH_MS,
    );
  }

  /** Stops the window timer and writes what is still queued. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.flush();
  }

  /** Queue one sample; false when the queue is full and the sample was dropped. */
  push(sample: SampleInput): boolean {
    if (this.pending.length >= this.maxPending) {
      this.counts.overflow++;
      this.options.onOverflow?.(this.counts.overflow);
      return false;
    }
    this.pending.push(sample);
    if (this.pending.length >= this.maxBatch) void this.flush();
    return true;
  }

  /** Write everything queued; concurrent callers share one flush. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  stats(): TelemetryWriterStats {
    return {
      pending: this.pending.length,
      capacity: this.maxPending,
      ...this.counts,
      flushP99Ms: this.flushP99(),
    };
  }

  private async drain(): Promise<void> {
    const { clock, logger } = this.options;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      const began = clock.monotonic();
      try {
        this.counts.written += await this.options.write(batch);
      } catch (error) {
        this.counts.failedBatches++;
        logger.error(
          { err: error, samples: batch.length },
          'telemetry write failed; batch dropped',
        );
        continue;
      } finally {
        this.record(clock.monotonic() - began);
      }
      this.options.onWritten?.(batch);
    }
  }

  private record(ms: number): void {
    this.counts.flushes++;
    this.durations.push(ms);
    if (this.durations.length > FLUSH_WINDOW) this.durations.shift();
  }

  private flushP99(): number {
    if (this.durations.length === 0) return 0;
    const sorted = [...this.durations].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  }
}
