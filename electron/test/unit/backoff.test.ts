import { describe, expect, it } from 'vitest';
import { CORE_RESTART_BACKOFF, backoffDelay } from '../../main/backoff.js';

describe('backoffDelay', () => {
  it('doubles from one second and caps at thirty for the core', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 20].map((failures) =>
      backoffDelay(CORE_RESTART_BACKOFF, failures),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('stays at the cap for very long failure series instead of overflowing', () => {
    expect(backoffDelay(CORE_RESTART_BACKOFF, 5_000)).toBe(30_000);
  });

  it('follows a custom policy', () => {
    const policy = { initialMs: 100, factor: 3, maxMs: 1_000 };
    expect([1, 2, 3, 4].map((failures) => backoffDelay(policy, failures))).toEqual([
      100, 300, 900, 1_000,
    ]);
  });

  it('rejects failure counts that are not positive integers', () => {
    expect(() => backoffDelay(CORE_RESTART_BACKOFF, 0)).toThrow(RangeError);
    expect(() => backoffDelay(CORE_RESTART_BACKOFF, 1.5)).toThrow(RangeError);
  });
});
