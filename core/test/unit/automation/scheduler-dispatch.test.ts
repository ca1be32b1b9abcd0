import { afterEach, describe, expect, it } from 'vitest';
import type { ZoneSettings } from '../../../src/contracts/zones.js';
import {
  at,
  describeRun,
  schedulerFixture,
  type SchedulerFixture,
} from './support/scheduler-fixture.js';

// Europe/Berlin in March 2026 before the clock change: CET, UTC+1. 2026-03-09 is a Monday.
const TZ = 'Europe/Berlin';
let f: SchedulerFixture;
afterEach(() => f?.close());

const feed = (extra: Record<string, unknown>): ZoneSettings => ({
  schedules: [
    {
      id: 'feed',
      task: 'irrigation',
      kind: 'time',
      at: ['08:00', '09:00', '10:00', '10:30'],
      payload: { duration_sec: 45 },
      ...extra,
    },
  ],
});

describe('scheduler: interval schedules (recipe irrigation interval)', () => {
  it('runs on the interval, and after downtime runs once and counts the missed runs without replaying them', async () => {
    const t0 = at('2026-03-10T06:00:00Z');
    f = await schedulerFixture(TZ, { irrigation: { interval_sec: 600, duration_sec: 30 } }, t0);
    await f.tickAt(t0);
    expect(f.starts).toEqual([
      {
        zoneId: f.zoneId,
        kind: 'irrigation',
        payload: { duration_sec: 30 },
        source: 'scheduler',
        idempotencyKey: `sch:z${f.zoneId}:irrigation:2026-03-10T07:00:00+01:00`,
      },
    ]);
    await f.finishActive();
    await f.tickAt(t0 + 300_000);
    expect(f.starts).toHaveLength(1);

    // Down from 06:05 to 09:05 UTC: 18 intervals elapsed since the last run at 06:00.
    await f.tickAt(t0 + 185 * 60_000);
    expect(f.starts).toHaveLength(2);
    expect(f.starts[1]!.idempotencyKey).toBe(
      `sch:z${f.zoneId}:irrigation:2026-03-10T07:10:00+01:00`,
    );
    const runs = await f.runs();
    const missed = runs.filter((r) => r.outcome === 'missed');
    expect(missed).toHaveLength(17);
    expect(missed.every((r) => r.reason === 'interval_not_replayed')).toBe(true);
    expect(describeRun(missed[0]!)).toBe('missed interval_not_replayed @2026-03-10T06:20');
    expect(f.dispatcher.status().metrics).toMatchObject({
      dispatched: 2,
      missed_windows_total: 17,
    });

    // Drifting: the next run is one interval after this late one, not on the old grid.
    await f.finishActive();
    await f.tickAt(t0 + 185 * 60_000 + 590_000);
    expect(f.starts).toHaveLength(2);
    await f.tickAt(t0 + 185 * 60_000 + 600_000);
    expect(f.starts).toHaveLength(3);
  });
});

describe('scheduler: time-of-day catch-up after 3 h of downtime (issue check j)', () => {
  // Slots at 08:00, 09:00, 10:00 and 10:30 local; the core ticks at 07:45, is down until 10:45.
  const lastTick = at('2026-03-10T06:45:00Z');
  const back = at('2026-03-10T09:45:00Z');

  /** Tick every 30 s after the restart, finishing each irrigation before the next tick. */
  async function runAfterRestart(ticks: number): Promise<void> {
    f.restart();
    for (let i = 0; i < ticks; i++) {
      await f.tickAt(back + i * 30_000);
      await f.finishActive();
    }
  }

  it.each([
    [
      'skip',
      [
        'skipped catch_up_skip @2026-03-10T07:00',
        'skipped catch_up_skip @2026-03-10T08:00',
        'skipped catch_up_skip @2026-03-10T09:00',
        'dispatched @2026-03-10T09:30',
      ],
      ['10:30'],
    ],
    [
      'replay_limited',
      [
        'skipped catch_up_skip @2026-03-10T07:00',
        'dispatched @2026-03-10T08:00',
        'busy zone_busy @2026-03-10T09:00',
        'dispatched @2026-03-10T09:00',
        'busy zone_busy @2026-03-10T09:30',
        'dispatched @2026-03-10T09:30',
      ],
      ['09:00', '10:00', '10:30'],
    ],
    [
      'replay_all',
      [
        'dispatched @2026-03-10T07:00',
        'busy zone_busy @2026-03-10T08:00',
        'dispatched @2026-03-10T08:00',
        'busy zone_busy @2026-03-10T09:00',
        'dispatched @2026-03-10T09:00',
        'busy zone_busy @2026-03-10T09:30',
        'dispatched @2026-03-10T09:30',
      ],
      ['08:00', '09:00', '10:00', '10:30'],
    ],
  ])('policy %s', async (policy, expectedRuns, expectedLocal) => {
    f = await schedulerFixture(TZ, feed({ catch_up: policy }), lastTick);
    await f.tickAt(lastTick);
    expect(f.starts).toHaveLength(0);
    await runAfterRestart(5);
    // One irrigation at a time: each replay waits (busy, cursor held) until the zone is free.
    const runs = (await f.runs()).sort((a, b) => a.slotAt - b.slotAt || a.id - b.id);
    expect(runs.map(describeRun)).toEqual(expectedRuns);
    const tasks = (await f.storage.tasks.listForZone(f.zoneId, 20)).reverse();
    expect(tasks.map((t) => t.idempotencyKey!.slice(-14, -9))).toEqual(expectedLocal);
    expect(tasks.every((t) => t.payload.duration_sec === 45 && t.kind === 'irrigation')).toBe(true);
  });

  it('takes the zone policy when the schedule has none (default replay_limited)', async () => {
    f = await schedulerFixture(TZ, { ...feed({}), catch_up: 'skip' }, lastTick);
    await f.tickAt(lastTick);
    await runAfterRestart(2);
    expect(f.starts.map((s) => s.idempotencyKey!.slice(-14, -9))).toEqual(['10:30']);
  });
});

describe('scheduler: gating and idempotency', () => {
  const before = at('2026-03-10T06:59:50Z');
  const slot = at('2026-03-10T07:00:00Z');

  it('a duplicate tick (cursor not saved before a crash) does not dispatch the slot twice', async () => {
    f = await schedulerFixture(TZ, feed({}), before);
    await f.tickAt(before);
    const cursor = await f.storage.schedule.cursor(f.zoneId, 'zone:feed');
    await f.tickAt(slot + 10_000);
    await f.tickAt(slot + 10_000);
    // The crash: the run happened but the cursor write was lost.
    await f.storage.schedule.setCursor(f.zoneId, 'zone:feed', cursor!);
    f.restart();
    await f.tickAt(slot + 20_000);
    expect(f.starts).toHaveLength(2);
    expect(f.starts[0]!.idempotencyKey).toBe(f.starts[1]!.idempotencyKey);
    expect(await f.storage.tasks.listForZone(f.zoneId, 10)).toHaveLength(1);
    expect((await f.runs()).map(describeRun)).toEqual(['dispatched @2026-03-10T07:00']);
    expect(f.dispatcher.status().metrics).toMatchObject({ dispatched: 0, deduplicated: 1 });
  });

  it('a busy zone holds the slot and retries it every tick, recording the wait once', async () => {
    f = await schedulerFixture(TZ, feed({}), before);
    await f.tickAt(before);
    await f.storage.tasks.create(
      {
        zoneId: f.zoneId,
        kind: 'cycle_start',
        stage: 'startup',
        stageDeadlineAt: null,
        dueAt: before,
        source: 'operator:a@b',
        idempotencyKey: null,
        payload: {},
      },
      before,
    );
    await f.tickAt(slot + 5_000);
    await f.tickAt(slot + 35_000);
    expect((await f.runs()).map(describeRun)).toEqual(['busy zone_busy @2026-03-10T07:00']);
    expect(await f.storage.schedule.cursor(f.zoneId, 'zone:feed')).toBe(slot - 1);
    await f.finishActive();
    await f.tickAt(slot + 65_000);
    expect((await f.runs()).map(describeRun)).toEqual([
      'busy zone_busy @2026-03-10T07:00',
      'dispatched @2026-03-10T07:00',
    ]);
    expect((await f.activeTask())?.kind).toBe('irrigation');
  });

  it('manual mode dispatches nothing, records the skip, and does not replay it afterwards', async () => {
    f = await schedulerFixture(TZ, feed({}), before);
    await f.setZone({ controlMode: 'manual' });
    await f.tickAt(before);
    await f.tickAt(slot + 5_000);
    await f.setZone({ controlMode: 'auto' });
    await f.tickAt(slot + 35_000);
    expect(f.starts).toEqual([]);
    expect((await f.runs()).map(describeRun)).toEqual([
      'skipped control_mode_manual @2026-03-10T07:00',
    ]);
  });

  it('semi mode dispatches like auto (§8.1)', async () => {
    f = await schedulerFixture(TZ, feed({}), before);
    await f.setZone({ controlMode: 'semi' });
    await f.tickAt(before);
    await f.tickAt(slot + 5_000);
    expect(f.starts).toHaveLength(1);
  });

  it('waits for a ready tank (zone_setup_pending, recorded once), then runs the slot', async () => {
    f = await schedulerFixture(TZ, feed({}), before);
    await f.setZone({ workflowPhase: 'tank_filling' });
    await f.tickAt(before);
    await f.tickAt(slot + 5_000);
    await f.tickAt(slot + 35_000);
    expect(f.starts).toEqual([]);
    await f.setZone({ workflowPhase: 'ready' });
    await f.tickAt(slot + 65_000);
    expect((await f.runs()).map(describeRun)).toEqual([
      'skipped zone_setup_pending @2026-03-10T07:00',
      'dispatched @2026-03-10T07:00',
    ]);
  });

  it('a disabled subsystem skips its slots (subsystem_disabled)', async () => {
    f = await schedulerFixture(TZ, { ...feed({}), irrigation: { enabled: false } }, before);
    await f.tickAt(before);
    await f.tickAt(slot + 5_000);
    expect(f.starts).toEqual([]);
    expect((await f.runs()).map(describeRun)).toEqual([
      'skipped subsystem_disabled @2026-03-10T07:00',
    ]);
  });

  it('honours days of week (ISO: Monday and Wednesday only)', async () => {
    const start = at('2026-03-09T06:00:00Z'); // Monday 07:00 local
    f = await schedulerFixture(TZ, feed({ at: '08:00', days_of_week: [1, 3] }), start);
    await f.tickAt(start);
    for (let day = 0; day < 7; day++) {
      await f.tickAt(start + day * 86_400_000 + 3_600_000 + 10_000);
      await f.finishActive();
    }
    expect(f.starts.map((s) => s.idempotencyKey!.slice(-25, -15))).toEqual([
      '2026-03-09',
      '2026-03-11',
    ]);
  });

  it('runs a once schedule once, however late, and solution top-ups as their own task', async () => {
    const settings: ZoneSettings = {
      schedules: [
        { id: 'topup', task: 'solution_topup', kind: 'once', run_at: '2026-03-10T07:00:00Z' },
      ],
    };
    f = await schedulerFixture(TZ, settings, before);
    await f.tickAt(before);
    await f.tickAt(slot + 3_600_000);
    await f.finishActive();
    await f.tickAt(slot + 2 * 3_600_000);
    expect(f.starts.map((s) => [s.kind, s.idempotencyKey])).toEqual([
      ['solution_topup', `sch:z${f.zoneId}:solution_topup:2026-03-10T08:00:00+01:00`],
    ]);
  });
});
