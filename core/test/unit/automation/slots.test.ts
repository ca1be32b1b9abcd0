import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATCH_UP,
  MAX_SKIPPED_LISTED,
  due,
  idempotencyKey,
  type ScheduleSpec,
} from '../../../src/automation/scheduler/slots.js';

const TZ = 'Europe/Berlin';
const utc = (iso: string): number => Date.parse(iso);
const MIN = 60_000;
const HOUR = 3_600_000;
const locals = (slots: { local: string }[]): string[] => slots.map((s) => s.local);

describe('interval (drifting, never replayed)', () => {
  const spec: ScheduleSpec = { kind: 'interval', everySec: 900 };
  const cursor = utc('2025-01-15T10:00:00Z');

  it('is not due before cursor + interval and keeps the cursor', () => {
    expect(due(spec, cursor, cursor + 899_000, TZ)).toEqual({
      dispatch: [],
      skipped: [],
      skippedTotal: 0,
      cursor,
      lookbackClamped: false,
    });
  });

  it('is due at exactly cursor + interval and moves the cursor to now', () => {
    const now = cursor + 900_000;
    const r = due(spec, cursor, now, TZ);
    expect(r.dispatch).toEqual([{ at: now, local: '2025-01-15T11:15:00+01:00' }]);
    expect(r.cursor).toBe(now);
  });

  it('dispatches one run after an outage and records the other missed periods', () => {
    const now = cursor + 3.5 * 900_000;
    const r = due(spec, cursor, now, TZ);
    expect(locals(r.dispatch)).toEqual(['2025-01-15T11:15:00+01:00']);
    expect(locals(r.skipped)).toEqual(['2025-01-15T11:30:00+01:00', '2025-01-15T11:45:00+01:00']);
    expect(r.skippedTotal).toBe(2);
  });

  it('keys the run by the cursor, so a duplicate tick is deduplicated', () => {
    const a = due(spec, cursor, cursor + 901_000, TZ).dispatch[0];
    const b = due(spec, cursor, cursor + 959_000, TZ).dispatch[0];
    expect(a && idempotencyKey(7, 'irrigation', a)).toBe(
      'sch:z7:irrigation:2025-01-15T11:15:00+01:00',
    );
    expect(a && b && idempotencyKey(7, 'irrigation', b)).toBe(
      a && idempotencyKey(7, 'irrigation', a),
    );
  });

  it('a schedule that never ran is due at once', () => {
    const now = utc('2025-01-15T10:00:00Z');
    expect(due(spec, null, now, TZ).dispatch).toEqual([
      { at: now, local: '2025-01-15T11:00:00+01:00' },
    ]);
  });

  it('lists at most MAX_SKIPPED_LISTED missed runs (the latest) but counts them all', () => {
    const r = due({ kind: 'interval', everySec: 60 }, cursor, cursor + 24 * HOUR, TZ);
    expect(r.skippedTotal).toBe(1439);
    expect(r.skipped).toHaveLength(MAX_SKIPPED_LISTED);
    expect(r.skipped.at(-1)?.at).toBe(cursor + 24 * HOUR);
  });

  it('counts elapsed time across the spring-forward night (an hour is an hour)', () => {
    const r = due(
      { kind: 'interval', everySec: 3600 },
      utc('2025-03-30T00:30:00Z'),
      utc('2025-03-30T01:30:00Z'),
      TZ,
    );
    expect(locals(r.dispatch)).toEqual(['2025-03-30T03:30:00+02:00']);
  });

  it('rejects a non-positive interval', () => {
    expect(() => due({ kind: 'interval', everySec: 0 }, null, cursor, TZ)).toThrow(RangeError);
  });
});

describe('time of day', () => {
  const twice = (catchUp = DEFAULT_CATCH_UP): ScheduleSpec => ({
    kind: 'time',
    times: ['06:00', '18:00'],
    catchUp,
  });

  it('fires the slot crossed since the last tick', () => {
    const r = due(twice(), utc('2025-01-15T04:59:30Z'), utc('2025-01-15T05:00:30Z'), TZ);
    expect(r.dispatch).toEqual([
      { at: utc('2025-01-15T05:00:00Z'), local: '2025-01-15T06:00:00+01:00' },
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.cursor).toBe(utc('2025-01-15T05:00:30Z'));
  });

  it('a slot exactly at the cursor was already handled; exactly at now is due', () => {
    expect(
      due(twice(), utc('2025-01-15T05:00:00Z'), utc('2025-01-15T05:01:00Z'), TZ).dispatch,
    ).toEqual([]);
    expect(
      locals(due(twice(), utc('2025-01-15T04:59:00Z'), utc('2025-01-15T05:00:00Z'), TZ).dispatch),
    ).toEqual(['2025-01-15T06:00:00+01:00']);
  });

  // Outage from Monday 12:00 to Wednesday 12:00: four slots were missed.
  const cursor = utc('2025-01-13T11:00:00Z');
  const now = utc('2025-01-15T11:00:00Z');
  const all = [
    '2025-01-13T18:00:00+01:00',
    '2025-01-14T06:00:00+01:00',
    '2025-01-14T18:00:00+01:00',
    '2025-01-15T06:00:00+01:00',
  ];

  it.each([
    ['skip', { mode: 'skip' } as const, 1],
    ['replay_limited 3', { mode: 'replay_limited', limit: 3 } as const, 3],
    ['replay_limited 10', { mode: 'replay_limited', limit: 10 } as const, 4],
    ['replay_all', { mode: 'replay_all' } as const, 4],
  ])('catch-up %s dispatches the latest %#', (_name, catchUp, replayed) => {
    const r = due(twice(catchUp), cursor, now, TZ);
    expect(locals(r.dispatch)).toEqual(all.slice(4 - replayed));
    expect(locals(r.skipped)).toEqual(all.slice(0, 4 - replayed));
    expect(r.skippedTotal).toBe(4 - replayed);
  });

  it('filters by ISO weekday of the slot', () => {
    const spec: ScheduleSpec = {
      kind: 'time',
      times: ['06:00'],
      days: [2, 4],
      catchUp: { mode: 'replay_all' },
    };
    const r = due(spec, utc('2025-01-12T12:00:00Z'), utc('2025-01-19T12:00:00Z'), TZ);
    expect(locals(r.dispatch)).toEqual(['2025-01-14T06:00:00+01:00', '2025-01-16T06:00:00+01:00']);
  });

  it('a new schedule only looks 30 s back', () => {
    const spec = twice();
    expect(due(spec, null, utc('2025-01-15T05:00:20Z'), TZ).dispatch).toHaveLength(1);
    expect(due(spec, null, utc('2025-01-15T05:00:40Z'), TZ).dispatch).toHaveLength(0);
  });

  it('after a very long outage only the last 7 days are enumerated', () => {
    const r = due(twice({ mode: 'replay_all' }), utc('2024-12-01T00:00:00Z'), now, TZ);
    expect(r.lookbackClamped).toBe(true);
    expect(r.dispatch).toHaveLength(14);
    expect(r.dispatch[0]?.local).toBe('2025-01-08T18:00:00+01:00');
  });

  it('a clock that went back does not replay slots or move the cursor back', () => {
    const r = due(twice(), utc('2025-01-15T06:00:00Z'), utc('2025-01-15T04:00:00Z'), TZ);
    expect(r.dispatch).toEqual([]);
    expect(r.cursor).toBe(utc('2025-01-15T06:00:00Z'));
  });

  describe('DST (Europe/Berlin 2025)', () => {
    const at0230: ScheduleSpec = {
      kind: 'time',
      times: ['02:30'],
      catchUp: { mode: 'replay_all' },
    };

    it('spring forward: 02:30 does not exist and runs at 03:30 CEST, once', () => {
      const spec: ScheduleSpec = {
        kind: 'time',
        times: ['02:30', '03:30'],
        catchUp: { mode: 'replay_all' },
      };
      const r = due(spec, utc('2025-03-30T00:00:00Z'), utc('2025-03-30T03:00:00Z'), TZ);
      expect(r.dispatch).toEqual([
        { at: utc('2025-03-30T01:30:00Z'), local: '2025-03-30T03:30:00+02:00' },
      ]);
    });

    it('fall back: 02:30 happens twice and runs at the first (CEST) one only', () => {
      const r = due(at0230, utc('2025-10-25T23:00:00Z'), utc('2025-10-26T02:00:00Z'), TZ);
      expect(r.dispatch).toEqual([
        { at: utc('2025-10-26T00:30:00Z'), local: '2025-10-26T02:30:00+02:00' },
      ]);
      const between = due(at0230, utc('2025-10-26T00:45:00Z'), utc('2025-10-26T01:45:00Z'), TZ);
      expect(between.dispatch).toEqual([]);
    });
  });
});

describe('window (boundary crossings)', () => {
  const light: ScheduleSpec = { kind: 'window', window: { start: '06:00', hours: 16 } };

  it('asserts the current state on the first tick, keyed by the last change', () => {
    expect(due(light, null, utc('2025-01-15T11:00:00Z'), TZ).dispatch).toEqual([
      { at: utc('2025-01-15T05:00:00Z'), local: '2025-01-15T06:00:00+01:00', state: 'on' },
    ]);
    expect(due(light, null, utc('2025-01-15T23:00:00Z'), TZ).dispatch).toEqual([
      { at: utc('2025-01-15T21:00:00Z'), local: '2025-01-15T22:00:00+01:00', state: 'off' },
    ]);
  });

  it.each([
    [
      'on at the start',
      '2025-01-15T04:59:00Z',
      '2025-01-15T05:01:00Z',
      'on',
      '2025-01-15T06:00:00+01:00',
    ],
    [
      'off at the end',
      '2025-01-15T20:59:00Z',
      '2025-01-15T21:01:00Z',
      'off',
      '2025-01-15T22:00:00+01:00',
    ],
  ])('dispatches %s', (_name, from, to, state, local) => {
    const r = due(light, utc(from), utc(to), TZ);
    expect(r.dispatch).toEqual([{ at: Date.parse(local), local, state }]);
  });

  it('dispatches nothing while the state holds', () => {
    const r = due(light, utc('2025-01-15T10:00:00Z'), utc('2025-01-15T10:01:00Z'), TZ);
    expect(r).toEqual({
      dispatch: [],
      skipped: [],
      skippedTotal: 0,
      cursor: utc('2025-01-15T10:01:00Z'),
      lookbackClamped: false,
    });
  });

  it('after an outage asserts only the current state; earlier changes are skipped', () => {
    const r = due(light, utc('2025-01-13T11:00:00Z'), utc('2025-01-15T11:30:00Z'), TZ);
    expect(r.dispatch).toEqual([
      { at: utc('2025-01-15T05:00:00Z'), local: '2025-01-15T06:00:00+01:00', state: 'on' },
    ]);
    expect(r.skipped.map((s) => `${s.local} ${s.state}`)).toEqual([
      '2025-01-13T22:00:00+01:00 off',
      '2025-01-14T06:00:00+01:00 on',
      '2025-01-14T22:00:00+01:00 off',
    ]);
  });

  it('keys window slots with their state', () => {
    const slot = { at: 0, local: '2025-01-15T22:00:00+01:00', state: 'off' as const };
    expect(idempotencyKey(3, 'lighting', slot)).toBe(
      'sch:z3:lighting:2025-01-15T22:00:00+01:00:off',
    );
  });

  it('honours the weekdays a window may start on', () => {
    const weekdays: ScheduleSpec = {
      kind: 'window',
      window: { start: '20:00', end: '08:00' },
      days: [5],
    };
    // Friday 20:00 → Saturday 08:00 only.
    const r = due(weekdays, utc('2025-01-13T00:00:00Z'), utc('2025-01-18T12:00:00Z'), TZ);
    expect([...r.skipped, ...r.dispatch].map((s) => `${s.local} ${s.state}`)).toEqual([
      '2025-01-17T20:00:00+01:00 on',
      '2025-01-18T08:00:00+01:00 off',
    ]);
  });
});

describe('once', () => {
  const runAt = utc('2025-01-15T09:00:00Z');
  const spec: ScheduleSpec = { kind: 'once', runAt };

  it.each([
    ['not yet', null, runAt - 1, 0],
    ['due now', null, runAt, 1],
    ['late, never dispatched', runAt - HOUR, runAt + 5 * 24 * HOUR, 1],
    ['already dispatched', runAt, runAt + MIN, 0],
  ])('%s', (_name, cursor, now, count) => {
    const r = due(spec, cursor, now, TZ);
    expect(r.dispatch).toHaveLength(count);
    if (count) expect(r.dispatch[0]).toEqual({ at: runAt, local: '2025-01-15T10:00:00+01:00' });
    expect(r.cursor).toBe(now);
  });
});
