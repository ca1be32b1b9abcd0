import { describe, expect, it } from 'vitest';
import {
  WINDOW_DEFAULTS,
  effectiveWindowMs,
  evaluateWindow,
  median,
  windowStart,
  type WindowSample,
} from '../../../src/automation/correction/decision-window.js';

const NOW = 1_736_935_200_000;
const PH = WINDOW_DEFAULTS.ph;
const EC = WINDOW_DEFAULTS.ec;

/** Samples every 2 s ending `lastAgeSec` before NOW, values in order (oldest first). */
function series(values: number[], lastAgeSec = 0, quality: WindowSample['quality'] = 'good') {
  return values.map((value, i) => ({
    ts: NOW - (lastAgeSec + 2 * (values.length - 1 - i)) * 1000,
    value,
    quality,
  }));
}

describe('window geometry (§4.4)', () => {
  it('effective window is max(period · min samples, decision window) = max(6, 8) s', () => {
    expect(effectiveWindowMs(PH)).toBe(8_000);
    expect(effectiveWindowMs({ ...PH, telemetryPeriodSec: 5 })).toBe(15_000);
  });

  it('reads one telemetry period further back: now − 10 s', () => {
    expect(windowStart(NOW, PH)).toBe(NOW - 10_000);
  });

  it('median of odd and even counts', () => {
    expect(median([5.9, 5.7, 5.8])).toBe(5.8);
    expect(median([1, 4, 2, 3])).toBe(2.5);
  });
});

describe('evaluateWindow', () => {
  it('a stable, fresh pH window gives its median and slope', () => {
    // 6 samples over 10 s, 5.80 → 5.85: slope 0.005 /s.
    const r = evaluateWindow(series([5.8, 5.81, 5.83, 5.82, 5.84, 5.85]), NOW, PH);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toBeCloseTo(5.825, 10);
    expect(r.samples).toBe(6);
    expect(r.slope).toBeCloseTo(0.005, 10);
  });

  it('samples older than the window do not count', () => {
    const old = { ts: NOW - 10_001, value: 9, quality: 'good' as const };
    const r = evaluateWindow([old, ...series([6, 6, 6])], NOW, PH);
    expect(r).toEqual({ ok: true, value: 6, samples: 3, slope: 0 });
  });

  it.each([
    ['no samples at all', [], 'no_data', 'CORRECTION_SKIPPED_FRESHNESS', 30_000, { samples: 0 }],
    [
      'newest sample 10.001 s old',
      series([6, 6, 6], 10.001),
      'stale',
      'CORRECTION_SKIPPED_FRESHNESS',
      30_000,
      { ageMs: 10_001 },
    ],
    [
      'only two samples',
      series([6, 6]),
      'not_enough_samples',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 2 },
    ],
    [
      'fresh but stub/uncertain',
      series([6, 6, 6], 0, 'uncertain'),
      'uncertain',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 0 },
    ],
    [
      'a pH of 14.2',
      series([6, 14.2, 6]),
      'out_of_bounds',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 3 },
    ],
    [
      'a negative pH',
      series([6, -0.1, 6]),
      'out_of_bounds',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 3 },
    ],
    [
      'a NaN',
      series([6, Number.NaN, 6]),
      'out_of_bounds',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 3 },
    ],
    // 5.8 → 6.0 in 4 s = 0.05 /s > 0.04.
    [
      'drifting 0.05 pH/s',
      series([5.8, 5.9, 6.0]),
      'unstable',
      'CORRECTION_SKIPPED_WINDOW_NOT_READY',
      10_000,
      { samples: 3, slope: expect.closeTo(0.05, 10) as number },
    ],
  ])('%s → %s', (_name, samples, reason, event, retryIn, detail) => {
    const r = evaluateWindow(samples, NOW, PH);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.event).toBe(event);
    expect(r.retryAt).toBe(NOW + retryIn);
    expect(r.detail).toEqual(detail);
  });

  it('a single fresh value is never enough (§11.4)', () => {
    const r = evaluateWindow(series([6]), NOW, PH);
    expect(r).toMatchObject({ ok: false, reason: 'not_enough_samples' });
  });

  it('the newest sample exactly 10 s old is still fresh', () => {
    const wide = { ...PH, decisionWindowSec: 20 };
    expect(evaluateWindow(series([6, 6, 6], 10), NOW, wide)).toEqual({
      ok: true,
      value: 6,
      samples: 3,
      slope: 0,
    });
  });

  it('uncertain samples are left out, good ones still decide', () => {
    const samples = [
      ...series([6.1, 6.1, 6.1]),
      { ts: NOW - 1_000, value: 9, quality: 'uncertain' as const },
    ];
    expect(evaluateWindow(samples, NOW, PH)).toEqual({
      ok: true,
      value: 6.1,
      samples: 3,
      slope: 0,
    });
  });

  it('the EC slope gate is 0.08 /s', () => {
    // 1.00 → 1.30 over 4 s = 0.075 /s: allowed; 1.00 → 1.34 = 0.085 /s: not.
    expect(evaluateWindow(series([1.0, 1.15, 1.3]), NOW, EC)).toMatchObject({
      ok: true,
      value: 1.15,
    });
    expect(evaluateWindow(series([1.0, 1.17, 1.34]), NOW, EC)).toMatchObject({
      ok: false,
      reason: 'unstable',
    });
  });

  it('an EC of 20.5 mS/cm is out of bounds', () => {
    expect(evaluateWindow(series([20.5, 20.5, 20.5]), NOW, EC)).toMatchObject({
      ok: false,
      reason: 'out_of_bounds',
    });
  });

  it('notBefore drops samples taken before the probes stabilised', () => {
    const samples = series([7, 7, 6, 6, 6]);
    expect(evaluateWindow(samples, NOW, PH, NOW - 4_000)).toEqual({
      ok: true,
      value: 6,
      samples: 3,
      slope: 0,
    });
    expect(evaluateWindow(samples, NOW, PH, NOW - 2_000)).toMatchObject({
      ok: false,
      reason: 'not_enough_samples',
    });
  });

  it('a node clock slightly ahead counts as fresh', () => {
    const ahead = series([6, 6, 6]).map((s) => ({ ...s, ts: s.ts + 1_500 }));
    expect(evaluateWindow(ahead, NOW, PH)).toEqual({ ok: true, value: 6, samples: 3, slope: 0 });
  });
});
