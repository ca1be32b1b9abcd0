import { describe, expect, it } from 'vitest';
import {
  dayDuty,
  lightingAt,
  lightingWindow,
} from '../../../src/automation/lighting/photoperiod.js';
import {
  insideWindow,
  nextTransition,
  parseWindow,
  transitionsBetween,
} from '../../../src/automation/time/daily-window.js';

const TZ = 'Europe/Berlin';
const utc = (iso: string): number => Date.parse(iso);

describe('lightingWindow', () => {
  it.each([
    [
      'start + photoperiod',
      { startTime: '06:00', photoperiodHours: 16 },
      { start: '06:00', hours: 16 },
    ],
    [
      'a window string wins',
      { startTime: '06:00', photoperiodHours: 16, window: '20:00-08:00' },
      { start: '20:00', end: '08:00' },
    ],
    [
      'zero hours is a window that is never on',
      { startTime: '06:00', photoperiodHours: 0 },
      { start: '06:00', hours: 0 },
    ],
    ['no start time', { startTime: null, photoperiodHours: 16 }, null],
    ['no photoperiod', { startTime: '06:00', photoperiodHours: null }, null],
    ['nothing', {}, null],
  ])('%s', (_name, targets, expected) => {
    expect(lightingWindow(targets)).toEqual(expected);
  });

  it.each([
    [{ startTime: '06:00', photoperiodHours: 25 }],
    [{ startTime: '06:00', photoperiodHours: -1 }],
    [{ startTime: '6am', photoperiodHours: 12 }],
    [{ startTime: '06:00', photoperiodHours: 12, window: '6-18' }],
  ])('rejects %j', (targets) => {
    expect(() => lightingWindow(targets)).toThrow(RangeError);
  });

  it('parses spaces around the dash', () => {
    expect(parseWindow(' 07:30 - 19:45 ')).toEqual({ start: '07:30', end: '19:45' });
  });
});

describe('lightingAt', () => {
  const window = { start: '06:00', hours: 16 };

  it.each([
    // [instant, brightness, inWindow, duty, relayOn, nextChangeAt]
    [
      '05:59:59 local, before the window',
      '2025-01-15T04:59:59Z',
      {},
      false,
      0,
      false,
      '2025-01-15T05:00:00Z',
    ],
    [
      '06:00 local, the first instant inside',
      '2025-01-15T05:00:00Z',
      {},
      true,
      100,
      true,
      '2025-01-15T21:00:00Z',
    ],
    [
      'inside, request brightness wins',
      '2025-01-15T12:00:00Z',
      { requestPct: 40, targetPct: 70 },
      true,
      40,
      true,
      '2025-01-15T21:00:00Z',
    ],
    [
      'inside, targets brightness next',
      '2025-01-15T12:00:00Z',
      { targetPct: 70 },
      true,
      70,
      true,
      '2025-01-15T21:00:00Z',
    ],
    [
      'inside, clamped to 100',
      '2025-01-15T12:00:00Z',
      { requestPct: 180 },
      true,
      100,
      true,
      '2025-01-15T21:00:00Z',
    ],
    [
      'inside, 0 % means relay off',
      '2025-01-15T12:00:00Z',
      { requestPct: 0 },
      true,
      0,
      false,
      '2025-01-15T21:00:00Z',
    ],
    [
      '22:00 local, the end is exclusive',
      '2025-01-15T21:00:00Z',
      {},
      false,
      0,
      false,
      '2025-01-16T05:00:00Z',
    ],
    [
      'outside, night brightness 20 %',
      '2025-01-15T23:00:00Z',
      { nightPct: 20 },
      false,
      20,
      true,
      '2025-01-16T05:00:00Z',
    ],
  ])('%s', (_name, iso, brightness, inWindow, dutyPct, relayOn, next) => {
    expect(lightingAt(window, brightness, utc(iso), TZ)).toEqual({
      inWindow,
      dutyPct,
      relayOn,
      nextChangeAt: utc(next),
    });
  });

  it('a 24 h photoperiod is always on and never changes, even on a 25 h day', () => {
    const always = { start: '06:00', hours: 24 };
    for (const iso of ['2025-10-26T04:30:00Z', '2025-10-26T05:30:00Z', '2025-03-30T04:30:00Z']) {
      expect(lightingAt(always, {}, utc(iso), TZ)).toMatchObject({
        inWindow: true,
        nextChangeAt: null,
      });
    }
  });

  it('a 0 h photoperiod is never on', () => {
    expect(lightingAt({ start: '06:00', hours: 0 }, {}, utc('2025-01-15T05:30:00Z'), TZ)).toEqual({
      inWindow: false,
      dutyPct: 0,
      relayOn: false,
      nextChangeAt: null,
    });
  });

  it('dayDuty falls back to 100 and ignores non-numbers', () => {
    expect(dayDuty({ requestPct: Number.NaN, targetPct: null })).toBe(100);
  });
});

describe('windows across midnight and clock changes (Europe/Berlin)', () => {
  it.each([
    ['21:00 local', '2025-01-15T20:00:00Z', true],
    ['02:00 local', '2025-01-16T01:00:00Z', true],
    ['07:59 local', '2025-01-16T06:59:00Z', true],
    ['08:00 local', '2025-01-16T07:00:00Z', false],
    ['19:59 local', '2025-01-16T18:59:00Z', false],
  ])('20:00-08:00 at %s is %s', (_name, iso, inside) => {
    expect(insideWindow({ start: '20:00', end: '08:00' }, utc(iso), TZ)).toBe(inside);
  });

  it('an equal start and end is an empty window', () => {
    expect(insideWindow({ start: '08:00', end: '08:00' }, utc('2025-01-15T07:00:00Z'), TZ)).toBe(
      false,
    );
  });

  // Night of 29 → 30 March 2025: 02:00 CET jumps to 03:00 CEST.
  const springEve = utc('2025-03-29T18:00:00Z');

  it('a photoperiod in hours lasts that many elapsed hours across spring-forward', () => {
    expect(
      transitionsBetween({ start: '20:00', hours: 12 }, springEve, springEve + 86_400_000, TZ),
    ).toEqual([
      { at: utc('2025-03-29T19:00:00Z'), on: true },
      // 12 h after 20:00 CET is 09:00 CEST.
      { at: utc('2025-03-30T07:00:00Z'), on: false },
      { at: utc('2025-03-30T18:00:00Z'), on: true },
    ]);
  });

  it('an HH:MM-HH:MM window ends at the wall time (11 h that night)', () => {
    expect(
      nextTransition({ start: '20:00', end: '08:00' }, utc('2025-03-29T20:00:00Z'), TZ),
    ).toEqual({
      at: utc('2025-03-30T06:00:00Z'),
      on: false,
    });
  });

  it('a window starting inside the gap starts after it, shifted by an hour', () => {
    expect(nextTransition({ start: '02:30', hours: 2 }, utc('2025-03-29T23:00:00Z'), TZ)).toEqual({
      at: utc('2025-03-30T01:30:00Z'),
      on: true,
    });
  });

  it('a window starting in the repeated hour starts at its first occurrence', () => {
    expect(nextTransition({ start: '02:30', hours: 1 }, utc('2025-10-25T23:00:00Z'), TZ)).toEqual({
      at: utc('2025-10-26T00:30:00Z'),
      on: true,
    });
    expect(insideWindow({ start: '02:30', hours: 1 }, utc('2025-10-26T01:35:00Z'), TZ)).toBe(false);
  });
});
