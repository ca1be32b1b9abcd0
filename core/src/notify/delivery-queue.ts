import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Delivery } from './http-delivery.js';
import type { Notification } from './notification.js';

export interface DeliveryStats {
  sent: number;
  /** Given up on after the last attempt, or refused outright (a 4xx). */
  failed: number;
  /** Attempts scheduled again after a failure. */
  retried: number;
  /** Waiting notifications pushed out by newer ones, or cleared when the channel was turned off. */
  dropped: number;
}

export interface DeliveryQueueOptions {
  clock: Clock;
  /** Waiting notifications kept at most; beyond, the oldest is dropped. */
  capacity: number;
  /** Attempts per notification, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; each further wait doubles (1 s, 2 s, 4 s…). */
  firstRetryMs: number;
  send(n: Notification): Promise<Delivery>;
  /** A notification was given up on (for the log). */
  onFailed(n: Notification, last: Delivery, attempts: number): void;
}

interface Pending {
  notification: Notification;
  attempts: number;
}

/**
 * One channel's outbox. Notifications go out one at a time, in order; a failed attempt is retried
 * with exponential back-off on the injected clock while later ones wait. While a receiver is down
 * for long the outbox stays bounded: the oldest waiting notification is dropped (and counted) to
 * make room, since the newest state of the farm is what a grower needs first.
 */
export class DeliveryQueue {
  readonly stats: DeliveryStats = { sent: 0, failed: 0, retried: 0, dropped: 0 };
  private readonly waiting: Pending[] = [];
  private current: Pending | null = null;
  private retry: TimerHandle | null = null;
  private stopped = false;
  private failure: string | null = null;

  constructor(private readonly options: DeliveryQueueOptions) {}

  /** Notifications not yet delivered or given up on (the one in progress included). */
  get queued(): number {
    return this.waiting.length + (this.current ? 1 : 0);
  }

  /** The error of the latest attempt while the channel is failing; null once one succeeds. */
  get lastError(): string | null {
    return this.failure;
  }

  push(notification: Notification): void {
    if (this.stopped) return;
    this.waiting.push({ notification, attempts: 0 });
    if (this.waiting.length > this.options.capacity) {
      this.waiting.shift();
      this.stats.dropped++;
    }
    this.next();
  }

  /** The receiver was reached another way (a successful test): it is not failing any more. */
  markReachable(): void {
    this.failure = null;
  }

  /** Drop everything waiting, including a notification between retries (channel turned off). */
  clear(): void {
    this.stats.dropped += this.waiting.length;
    this.waiting.length = 0;
    if (this.retry) {
      this.retry.cancel();
      this.retry = null;
      this.current = null;
      this.stats.dropped++;
    }
    this.failure = null;
  }

  /** Stop sending; returns how many notifications were left undelivered. */
  stop(): number {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = null;
    const left = this.queued;
    this.waiting.length = 0;
    this.current = null;
    return left;
  }

  private next(): void {
    if (this.stopped || this.current) return;
    const pending = this.waiting.shift();
    if (!pending) return;
    this.current = pending;
    void this.attempt(pending);
  }

  private async attempt(pending: Pending): Promise<void> {
    pending.attempts++;
    const result = await this.options
      .send(pending.notification)
      .catch((error: unknown): Delivery => ({
        ok: false,
        status: null,
        error: (error as Error).message,
        retryable: true,
      }));
    // Stopped or cleared meanwhile: this notification is no longer ours to account for.
    if (this.stopped || this.current !== pending) return;
    if (result.ok) {
      this.stats.sent++;
      this.failure = null;
    } else {
      this.failure = result.error;
      if (result.retryable && pending.attempts < this.options.maxAttempts) {
        this.stats.retried++;
        const delay = this.options.firstRetryMs * 2 ** (pending.attempts - 1);
        this.retry = this.options.clock.setTimeout(() => {
          this.retry = null;
          void this.attempt(pending);
        }, delay);
        return;
      }
      this.stats.failed++;
      this.options.onFailed(pending.notification, result, pending.attempts);
    }
    this.current = null;
    this.next();
  }
}
