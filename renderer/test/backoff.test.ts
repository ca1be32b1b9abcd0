import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/api/backoff.js';

const schedule = (count: number, everConnected: boolean): number[] =>
  Array.from({ length: count }, (_, i) => retryDelayMs(i + 1, everConnected));

describe('retryDelayMs', () => {
  it('retries quickly while the app has never been connected', () => {
    expect(schedule(5, false)).toEqual([100, 300, 500, 1000, 2000]);
  });

  it('falls back to the slow schedule once the quick retries are spent', () => {
    expect(schedule(8, false).slice(5)).toEqual([3000, 4500, 6750]);
  });

  it('backs off by 1.5× from 3 s after a drop', () => {
    expect(schedule(5, true)).toEqual([3000, 4500, 6750, 10125, 15187.5]);
  });

  it('never waits longer than 60 s', () => {
    expect(retryDelayMs(8, true)).toBeCloseTo(51_257.8, 1);
    expect(retryDelayMs(9, true)).toBe(60_000);
    expect(retryDelayMs(500, true)).toBe(60_000);
    expect(retryDelayMs(500, false)).toBe(60_000);
  });

  it('rejects retry numbers that are not positive integers', () => {
    expect(() => retryDelayMs(0, true)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5, false)).toThrow(RangeError);
  });
});
