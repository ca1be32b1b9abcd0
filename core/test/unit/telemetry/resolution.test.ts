import { describe, expect, it } from 'vitest';
import { planBuckets, RESOLUTION_MS } from '../../../src/telemetry/resolution.js';

const DAY = 86_400_000;

describe('bucket planning', () => {
  it('uses raw data for short ranges and coarser rollups for longer ones', () => {
    expect(planBuckets(0, 3_600_000, 500)).toEqual({ source: 'raw', stepMs: 7200, originMs: 0 });
    expect(planBuckets(0, DAY, 500)).toEqual({ source: '1m', stepMs: 180_000, originMs: 0 });
    expect(planBuckets(0, 30 * DAY, 500)).toEqual({ source: '1h', stepMs: 7_200_000, originMs: 0 });
    expect(planBuckets(0, 3 * 365 * DAY, 500)).toEqual({
      source: '1d',
      stepMs: 3 * DAY,
      originMs: 0,
    });
  });

  it('starts on the source grid and never plans more points than the budget', () => {
    // 300 one-minute buckets fit a 300-point budget only from a minute boundary; 30 s later the
    // snapped origin adds a bucket, so the step must widen.
    const aligned = planBuckets(0, 300 * 60_000, 300);
    expect(aligned).toEqual({ source: '1m', stepMs: 60_000, originMs: 0 });
    const late = planBuckets(30_000, 30_000 + 300 * 60_000, 300);
    expect(late).toMatchObject({ source: '1m', originMs: 0 });
    for (let i = 0; i < 2000; i++) {
      const from = 1_700_000_000_000 + i * 7_919_371;
      const to = from + 1 + ((i * 104_729_003) % (400 * DAY));
      const budget = 10 + (i % 50) * 100;
      const plan = planBuckets(from, to, budget);
      const grid = plan.source === 'raw' ? 1 : RESOLUTION_MS[plan.source];
      expect(plan.stepMs % grid).toBe(0);
      expect(plan.originMs % grid).toBe(0);
      expect(plan.originMs).toBeLessThanOrEqual(from);
      expect(Math.ceil((to - plan.originMs) / plan.stepMs)).toBeLessThanOrEqual(budget);
    }
  });
});
