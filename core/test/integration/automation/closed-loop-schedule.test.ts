import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleRunRecord } from '../../../src/storage/automation-types.js';
import { closedLoop, type ClosedLoop } from '../../helpers/closed-loop.js';
import { settle, start } from './loop-support.js';

/**
 * Issue 6 checks (i) and (j): the scheduler in closed loop — the real core on a stepped clock,
 * commands over the real broker to simulated nodes.
 */
let loop: ClosedLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Relay transitions of the simulated relay node's channel, sampled every step. Each stretch runs
 * to its `until` in its own steps: fine ones where a command is due (the nodes refuse commands
 * older than 10 s of simulated time), coarse ones in between.
 */
async function watchRelay(
  l: ClosedLoop,
  channel: string,
  stretches: readonly { until: number; stepMs: number }[],
) {
  const changes: { at: number; on: boolean }[] = [];
  let last = false;
  for (const { until, stepMs } of stretches) {
    while (l.clock.now() < until) {
      await l.run(stepMs, stepMs);
      const on = l.sim.node('relay')!.state().actuators[channel] === true;
      if (on !== last) changes.push({ at: l.clock.now(), on });
      last = on;
    }
  }
  return changes;
}

describe('the scheduler in closed loop', () => {
  it('(i) switches the lights at the window boundaries in the greenhouse timezone, across a DST change', async () => {
    // Europe/Berlin moves to summer time on 2026-03-29 at 02:00 local.
    loop = await closedLoop({
      types: ['relay'],
      timezone: 'Europe/Berlin',
      startAt: Date.UTC(2026, 2, 28, 20, 40),
      minRoles: 0,
    });
    const relay = (await loop.core.storage.nodes.list()).find((n) => n.type === 'relay')!;
    await loop.core.domain.bindings.put(
      loop.zone.id,
      'light',
      { node_id: relay.id, channel: 'water_control' },
      'test',
    );
    // The demo recipe's light: 06:00 local for 16 h.
    const fine = 1_000;
    const coarse = 8_000;
    const changes = await watchRelay(loop, 'water_control', [
      { until: Date.UTC(2026, 2, 28, 20, 45), stepMs: fine },
      { until: Date.UTC(2026, 2, 28, 20, 58), stepMs: coarse },
      { until: Date.UTC(2026, 2, 28, 21, 3), stepMs: fine },
      { until: Date.UTC(2026, 2, 29, 3, 58), stepMs: coarse },
      { until: Date.UTC(2026, 2, 29, 4, 3), stepMs: fine },
    ]);
    // 21:40 CET: the start-up re-assert puts the lights on; they go off at 22:00 CET and on
    // again at 06:00 CEST — seven hours later, across the change to summer time.
    const expected = [
      { on: true, at: Date.UTC(2026, 2, 28, 20, 40) },
      { on: false, at: Date.UTC(2026, 2, 28, 21, 0) },
      { on: true, at: Date.UTC(2026, 2, 29, 4, 0) },
    ];
    expect(changes.map((c) => c.on)).toEqual(expected.map((e) => e.on));
    expect(changes[0]!.at).toBeLessThan(expected[1]!.at);
    for (const [i, change] of changes.entries()) {
      if (i === 0) continue;
      // Within one scheduler tick (30 s) and one watch step of the boundary, never before it.
      expect(change.at).toBeGreaterThanOrEqual(expected[i]!.at);
      expect(change.at - expected[i]!.at).toBeLessThanOrEqual(45_000);
    }
  }, 300_000);

  it('(j) after 3 h of downtime replays the last three missed time slots and records the older one skipped', async () => {
    loop = await closedLoop({
      initial: { clean: 0.95, solution: 0.95, ph: 5.8, ec: 1.2 },
      startAt: Date.UTC(2026, 4, 4, 6, 0),
    });
    await loop.core.domain.zones.update(
      loop.zone.id,
      {
        settings: {
          irrigation: { interval_sec: 86_400, duration_sec: 10 },
          schedules: [
            {
              id: 'morning',
              task: 'irrigation',
              kind: 'time',
              at: ['08:00', '09:00', '10:00', '10:30'],
              catch_up: 'replay_limited',
              payload: { duration_sec: 10 },
            },
          ],
        },
      },
      'test',
    );
    const prep = await loop.core.storage.tasks.activeForZone(loop.zone.id);
    if (!prep) await start(loop, 'cycle_start');
    await settle(loop, 60 * MIN);
    expect((await loop.core.storage.zones.byId(loop.zone.id))!.workflowPhase).toBe('ready');
    await loop.runDay(Date.UTC(2026, 4, 4, 7, 45) - loop.clock.now());
    await loop.restartCore(3 * HOUR);
    await loop.runDay(20 * MIN);
    const runs = (
      await loop.core.storage.schedule.runs(loop.zone.id, {
        fromMs: Date.UTC(2026, 4, 4, 7, 0),
        toMs: Date.UTC(2026, 4, 4, 12, 0),
        limit: 100,
      })
    ).filter((r) => r.details?.schedule === 'zone:morning');
    const final = (slot: number): ScheduleRunRecord | undefined =>
      runs.find((r) => r.slotAt === slot && r.outcome !== 'busy');
    expect(final(Date.UTC(2026, 4, 4, 8, 0))).toMatchObject({
      outcome: 'skipped',
      reason: 'catch_up_skip',
    });
    for (const hhmm of [
      [9, 0],
      [10, 0],
      [10, 30],
    ] as const) {
      const run = final(Date.UTC(2026, 4, 4, hhmm[0], hhmm[1]));
      expect(run, `${hhmm.join(':')}`).toMatchObject({ outcome: 'dispatched' });
      const task = await loop.core.storage.tasks.byId(run!.taskId!);
      expect(task).toMatchObject({ kind: 'irrigation', status: 'completed' });
    }
  }, 300_000);
});
