import { describe, expect, it } from 'vitest';
import {
  BAND_ALERT_DEFAULTS,
  INITIAL_BAND_STATE,
  TARGET_BAND_HALF_WIDTH,
  bandAround,
  bandStep,
  solutionTempBand,
  type Band,
  type BandAlertConfig,
  type BandEvent,
  type BandMetric,
  type BandSample,
  type BandState,
} from '../../../src/automation/alerts/band.js';

const T0 = 1_736_935_200_000;
const MIN = 60_000;

/** Feed samples `[minutesAfterT0, value]` and collect every event. */
function run(
  metric: BandMetric,
  band: Band,
  samples: [number, number, BandSample['quality']?][],
  cfg: BandAlertConfig = BAND_ALERT_DEFAULTS[metric],
  state: BandState = INITIAL_BAND_STATE,
): { state: BandState; events: BandEvent[] } {
  const events: BandEvent[] = [];
  for (const [minutes, value, quality = 'good'] of samples) {
    const step = bandStep(metric, cfg, band, state, { ts: T0 + minutes * MIN, value, quality });
    state = step.state;
    events.push(...step.events);
  }
  return { state, events };
}

describe('solution temperature (reference §6.4: 10 min, first in-range sample resolves)', () => {
  const band = { min: 18, max: 24 };

  it('raises biz_solution_temp_high after 10 min continuously above max', () => {
    const r = run('solution_temp', band, [
      [0, 24.5],
      [5, 25],
      [9.99, 24.1],
    ]);
    expect(r.events).toEqual([]);
    expect(r.state).toEqual({
      status: 'pending',
      side: 'high',
      since: T0,
      lastTs: T0 + 9.99 * MIN,
    });
    const raised = run('solution_temp', band, [[10, 24.2]], undefined, r.state);
    expect(raised.events).toEqual([
      {
        kind: 'raise',
        code: 'biz_solution_temp_high',
        side: 'high',
        value: 24.2,
        since: T0,
        at: T0 + 10 * MIN,
      },
    ]);
    expect(raised.state).toMatchObject({ status: 'active', side: 'high', since: T0 });
  });

  it('a value exactly at max is in range: the delay restarts', () => {
    const r = run('solution_temp', band, [
      [0, 25],
      [6, 24],
      [7, 25],
      [16, 25],
    ]);
    expect(r.events).toEqual([]);
    expect(r.state).toMatchObject({ status: 'pending', since: T0 + 7 * MIN });
  });

  it('the first in-range sample resolves', () => {
    const active = run('solution_temp', band, [
      [0, 16],
      [10, 17],
    ]);
    expect(active.events.map((e) => e.code)).toEqual(['biz_solution_temp_low']);
    const r = run('solution_temp', band, [[11, 18]], undefined, active.state);
    expect(r.events).toEqual([
      { kind: 'resolve', code: 'biz_solution_temp_low', side: 'low', value: 18, at: T0 + 11 * MIN },
    ]);
    expect(r.state).toEqual({ status: 'normal', lastTs: T0 + 11 * MIN });
  });

  it('missing min/max fall back to the target; no target at all means no band', () => {
    expect(solutionTempBand(21, null, 26)).toEqual({ min: 21, max: 26 });
    expect(solutionTempBand(21, null, null)).toEqual({ min: 21, max: 21 });
    expect(solutionTempBand(null, 18, null)).toBeNull();
  });
});

describe('pH band with a clear margin of 0.05', () => {
  const band = { min: 5.6, max: 6.2 };
  const active = run('ph', band, [
    [0, 6.4],
    [10, 6.35],
  ]);

  it('raises biz_high_ph after 10 min above ph_max', () => {
    expect(active.events.map((e) => `${e.kind} ${e.code}`)).toEqual(['raise biz_high_ph']);
  });

  it.each([
    [6.2, []],
    [6.16, []],
    [6.15, ['resolve biz_high_ph']],
  ])('a sample at %s resolves: %j', (value, expected) => {
    const r = run('ph', band, [[11, value]], undefined, active.state);
    expect(r.events.map((e) => `${e.kind} ${e.code}`)).toEqual(expected);
  });

  it('a jump from above max to below min resolves high and starts low', () => {
    const r = run('ph', band, [[11, 5.4]], undefined, active.state);
    expect(r.events.map((e) => `${e.kind} ${e.code}`)).toEqual(['resolve biz_high_ph']);
    expect(r.state).toEqual({
      status: 'pending',
      side: 'low',
      since: T0 + 11 * MIN,
      lastTs: T0 + 11 * MIN,
    });
  });

  it('switching sides while pending restarts the delay', () => {
    const r = run('ph', band, [
      [0, 6.5],
      [8, 5.0],
      [17, 5.1],
    ]);
    expect(r.events).toEqual([]);
    expect(r.state).toMatchObject({ status: 'pending', side: 'low', since: T0 + 8 * MIN });
  });
});

describe('inputs that cannot be judged change nothing', () => {
  const band = { min: 1.2, max: 1.8 };
  const pending: BandState = { status: 'pending', side: 'high', since: T0, lastTs: T0 + MIN };

  it.each([
    ['an uncertain (stub) sample', { ts: T0 + 20 * MIN, value: 3, quality: 'uncertain' as const }],
    ['a bad sample', { ts: T0 + 20 * MIN, value: 3, quality: 'bad' as const }],
    ['an older sample', { ts: T0, value: 3, quality: 'good' as const }],
    ['a replayed sample', { ts: T0 + MIN, value: 3, quality: 'good' as const }],
    ['NaN', { ts: T0 + 20 * MIN, value: Number.NaN, quality: 'good' as const }],
  ])('%s', (_name, sample) => {
    expect(bandStep('ec', BAND_ALERT_DEFAULTS.ec, band, pending, sample)).toEqual({
      state: pending,
      events: [],
    });
  });

  it('an inverted band', () => {
    const sample = { ts: T0 + 20 * MIN, value: 3, quality: 'good' as const };
    expect(
      bandStep('ec', BAND_ALERT_DEFAULTS.ec, { min: 2, max: 1 }, pending, sample).events,
    ).toEqual([]);
  });
});

describe('air temperature and humidity around the phase target', () => {
  it('uses target ± 2 °C and ± 15 % RH', () => {
    expect(bandAround(22, TARGET_BAND_HALF_WIDTH.air_temp)).toEqual({ min: 20, max: 24 });
    expect(bandAround(60, TARGET_BAND_HALF_WIDTH.humidity)).toEqual({ min: 45, max: 75 });
  });

  it('an enter margin and no delay raise at once; the clear margin applies', () => {
    const cfg = { enterMargin: 1, enterDelayMs: 0, clearMargin: 0.5 };
    const band = bandAround(22, 2);
    const r = run(
      'air_temp',
      band,
      [
        [0, 25],
        [1, 25.1],
        [2, 23.6],
        [3, 23.5],
      ],
      cfg,
    );
    expect(r.events.map((e) => `${e.kind} ${e.code} ${e.value}`)).toEqual([
      'raise biz_high_temp 25.1',
      'resolve biz_high_temp 23.5',
    ]);
  });

  it('humidity low', () => {
    const r = run('humidity', bandAround(60, 15), [
      [0, 40],
      [10, 44],
    ]);
    expect(r.events.map((e) => e.code)).toEqual(['biz_low_humidity']);
  });
});
