/**
 * Reconnect schedule of the realtime connection (reference-backend-ui.md §3.4, rules 1–2).
 *
 * While the app has never been connected (the core may still be starting), retries are quick:
 * 100/300/500/1000/2000 ms. Once those are spent, or after an established connection drops,
 * retry n waits 3000 ms × 1.5^(n-1), capped at 60 s, so a stopped core is not hammered.
 */
export const INITIAL_RETRY_DELAYS_MS: readonly number[] = [100, 300, 500, 1000, 2000];
export const RECONNECT_BASE_MS = 3000;
export const RECONNECT_FACTOR = 1.5;
export const RECONNECT_MAX_MS = 60_000;

/**
 * Delay before retry `retry` (1-based: the first retry after a failure or drop is 1).
 * `everConnected` tells whether a connection was established at some point.
 */
export function retryDelayMs(retry: number, everConnected: boolean): number {
  if (!Number.isInteger(retry) || retry < 1)
    throw new RangeError(`retry must be ≥ 1, got ${retry}`);
  if (!everConnected) {
    const initial = INITIAL_RETRY_DELAYS_MS[retry - 1];
    if (initial !== undefined) return initial;
    return dropDelayMs(retry - INITIAL_RETRY_DELAYS_MS.length);
  }
  return dropDelayMs(retry);
}

function dropDelayMs(n: number): number {
  return Math.min(RECONNECT_BASE_MS * RECONNECT_FACTOR ** (n - 1), RECONNECT_MAX_MS);
}
