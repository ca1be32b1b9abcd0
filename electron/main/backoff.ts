/** Exponential back-off: `initialMs`, then × `factor` per consecutive failure, capped at `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/**
 * Restart schedule of the core: 1 s, 2 s, 4 s … 30 s. Dosing, irrigation and the nodes' broker all
 * wait on the core, so the first retry is quick; a core that keeps refusing to start (port taken,
 * damaged database) must still not spin the CPU or flood the log, hence the cap.
 */
export const CORE_RESTART_BACKOFF: BackoffPolicy = { initialMs: 1_000, factor: 2, maxMs: 30_000 };

/** The realtime socket is cheap to reopen but should not hammer a core that is shutting down. */
export const REALTIME_RECONNECT_BACKOFF: BackoffPolicy = {
  initialMs: 500,
  factor: 2,
  maxMs: 10_000,
};

/** Delay before the next attempt after `failures` consecutive failures (1 = first failure). */
export function backoffDelay(policy: BackoffPolicy, failures: number): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new RangeError(`failures must be a positive integer, got ${failures}`);
  }
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** (failures - 1));
}
