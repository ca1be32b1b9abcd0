import { describe, expect, it } from 'vitest';
import {
  addDays,
  isoWeekday,
  localDateTime,
  localIso,
  offsetMinutes,
  parseTimeOfDay,
  resolveLocal,
} from '../../../src/automation/time/zoned-time.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const utc = (iso: string): number => Date.parse(iso);

describe('localDateTime / offsetMinutes', () => {
  it.each([
    ['Berlin winter', BERLIN, '2025-01-15T11:00:00Z', { hour: 12, minute: 0, weekday: 3 }, 60],
    ['Berlin summer', BERLIN, '2025-07-01T22:30:00Z', { hour: 0, minute: 30, weekday: 3 }, 120],
    [
      'New York summer',
      NEW_YORK,
      '2025-07-01T03:00:00Z',
      { hour: 23, minute: 0, weekday: 1 },
      -240,
    ],
    [
      'Kolkata (+05:30)',
      'Asia/Kolkata',
      '2025-01-15T00:00:00Z',
      { hour: 5, minute: 30, weekday: 3 },
      330,
    ],
    ['UTC', 'UTC', '2025-01-15T23:59:59Z', { hour: 23, minute: 59, weekday: 3 }, 0],
  ])('%s', (_name, zone, iso, wall, offset) => {
    expect(localDateTime(utc(iso), zone)).toMatchObject(wall);
    expect(offsetMinutes(utc(iso), zone)).toBe(offset);
  });

  it('reads midnight as hour 0, not 24', () => {
    expect(localDateTime(utc('2025-01-14T23:00:00Z'), BERLIN)).toEqual({
      year: 2025,
      month: 1,
      day: 15,
      hour: 0,
      minute: 0,
      second: 0,
      weekday: 3,
    });
  });
});

describe('resolveLocal (DST policy)', () => {
  it.each([
    [
      'an ordinary time',
      BERLIN,
      { year: 2025, month: 1, day: 15 },
      '06:00',
      '2025-01-15T05:00:00Z',
      'exact',
    ],
    // 02:00 CET → 03:00 CEST: 02:30 does not exist; read with the CET offset it is 03:30 CEST.
    [
      'Berlin spring-forward gap',
      BERLIN,
      { year: 2025, month: 3, day: 30 },
      '02:30',
      '2025-03-30T01:30:00Z',
      'gap',
    ],
    [
      'Berlin just after the gap',
      BERLIN,
      { year: 2025, month: 3, day: 30 },
      '03:00',
      '2025-03-30T01:00:00Z',
      'exact',
    ],
    // 03:00 CEST → 02:00 CET: 02:30 happens twice; the first (CEST) occurrence is meant.
    [
      'Berlin fall-back fold',
      BERLIN,
      { year: 2025, month: 10, day: 26 },
      '02:30',
      '2025-10-26T00:30:00Z',
      'fold',
    ],
    [
      'New York spring gap',
      NEW_YORK,
      { year: 2025, month: 3, day: 9 },
      '02:30',
      '2025-03-09T07:30:00Z',
      'gap',
    ],
    [
      'New York fall fold',
      NEW_YORK,
      { year: 2025, month: 11, day: 2 },
      '01:30',
      '2025-11-02T05:30:00Z',
      'fold',
    ],
  ])('%s', (_name, zone, date, time, expected, kind) => {
    expect(resolveLocal(date, parseTimeOfDay(time), zone)).toEqual({
      instant: utc(expected),
      kind,
    });
  });
});

describe('localIso', () => {
  it('tells the two occurrences of a repeated hour apart', () => {
    expect(localIso(utc('2025-10-26T00:30:00Z'), BERLIN)).toBe('2025-10-26T02:30:00+02:00');
    expect(localIso(utc('2025-10-26T01:30:00Z'), BERLIN)).toBe('2025-10-26T02:30:00+01:00');
  });

  it.each([
    [NEW_YORK, '2025-01-15T17:05:09Z', '2025-01-15T12:05:09-05:00'],
    ['Asia/Kolkata', '2025-01-15T00:00:00Z', '2025-01-15T05:30:00+05:30'],
    ['UTC', '2025-01-15T00:00:00Z', '2025-01-15T00:00:00+00:00'],
  ])('%s', (zone, iso, expected) => {
    expect(localIso(utc(iso), zone)).toBe(expected);
  });
});

describe('calendar helpers', () => {
  it('isoWeekday: Monday 1 … Sunday 7', () => {
    expect(isoWeekday({ year: 2025, month: 1, day: 13 })).toBe(1);
    expect(isoWeekday({ year: 2025, month: 3, day: 30 })).toBe(7);
  });

  it('addDays crosses month and year ends', () => {
    expect(addDays({ year: 2024, month: 12, day: 31 }, 1)).toEqual({
      year: 2025,
      month: 1,
      day: 1,
    });
    expect(addDays({ year: 2024, month: 3, day: 1 }, -1)).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
  });

  it.each(['24:00', '7:00', '07:60', 'noon', ''])('parseTimeOfDay rejects %j', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(RangeError);
  });

  it('parseTimeOfDay accepts 00:00 and 23:59', () => {
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('23:59')).toBe(1439);
  });
});
