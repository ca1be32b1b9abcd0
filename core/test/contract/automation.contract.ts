import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors.js';
import type { NewScheduleRun, NewTask } from '../../src/storage/automation-types.js';
import type { Storage } from '../../src/storage/storage.js';
import type { StorageUnderTest } from './storage.contract.js';
import { T0 } from './records.js';

const busy = expect.objectContaining({ code: 'zone_busy', constructor: ConflictError }) as unknown;

/** Automation tasks, scheduler cursors and runs, zone runtime memory: the same on every dialect. */
export function describeAutomationContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Automation storage contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    let zoneId: number;
    let otherZoneId: number;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
      const gh = await s.greenhouses.create({ uid: 'gh', name: 'GH', timezone: 'UTC' }, T0);
      zoneId = (await s.zones.create({ greenhouseId: gh.id, uid: 'z1', name: 'Z1' }, T0)).id;
      otherZoneId = (await s.zones.create({ greenhouseId: gh.id, uid: 'z2', name: 'Z2' }, T0)).id;
    });
    afterEach(() => store.close());

    const task = (overrides: Partial<NewTask> = {}): NewTask => ({
      zoneId,
      kind: 'irrigation',
      stage: 'await_ready',
      stageDeadlineAt: T0 + 60_000,
      dueAt: T0,
      source: 'scheduler',
      idempotencyKey: null,
      payload: { durationSec: 120, mode: 'force' },
      ...overrides,
    });

    it('creates an active task; a second one for the zone is refused with zone_busy', async () => {
      const { task: created, created: isNew } = await s.tasks.create(task(), T0 + 5);
      expect(isNew).toBe(true);
      expect(created).toEqual({
        id: expect.any(Number) as number,
        zoneId,
        kind: 'irrigation',
        status: 'active',
        stage: 'await_ready',
        stageStartedAt: T0 + 5,
        stageDeadlineAt: T0 + 60_000,
        dueAt: T0,
        source: 'scheduler',
        idempotencyKey: null,
        payload: { durationSec: 120, mode: 'force' },
        state: {},
        outcome: null,
        version: 1,
        createdAt: T0 + 5,
        updatedAt: T0 + 5,
        finishedAt: null,
      });
      expect(await s.tasks.byId(created.id)).toEqual(created);
      expect(await s.tasks.activeForZone(zoneId)).toEqual(created);
      expect(await s.tasks.activeForZone(otherZoneId)).toBeNull();
      expect(await s.tasks.byId(created.id + 100)).toBeNull();
      await expect(s.tasks.create(task({ kind: 'solution_topup' }), T0 + 6)).rejects.toEqual(busy);
      await expect(s.tasks.create(task({ idempotencyKey: 'k2' }), T0 + 6)).rejects.toEqual(busy);
      expect(await s.tasks.listForZone(zoneId, 10)).toEqual([created]);
    });

    it('returns the existing task for a used idempotency key, even once it finished', async () => {
      const first = await s.tasks.create(task({ idempotencyKey: 'irr:z1:slot1' }), T0);
      const again = await s.tasks.create(
        task({ idempotencyKey: 'irr:z1:slot1', payload: { other: true } }),
        T0 + 1,
      );
      expect(again).toEqual({ task: first.task, created: false });
      const done = await s.tasks.update(
        first.task.id,
        1,
        { status: 'completed', outcome: 'completed_run', finishedAt: T0 + 2 },
        T0 + 2,
      );
      expect(await s.tasks.create(task({ idempotencyKey: 'irr:z1:slot1' }), T0 + 3)).toEqual({
        task: done,
        created: false,
      });
    });

    it('allows a new task once the active one completed', async () => {
      const first = (await s.tasks.create(task(), T0)).task;
      await s.tasks.update(first.id, 1, { status: 'failed', outcome: 'stage_timeout' }, T0 + 1);
      expect(await s.tasks.activeForZone(zoneId)).toBeNull();
      const second = await s.tasks.create(task({ kind: 'solution_change' }), T0 + 2);
      expect(second.created).toBe(true);
      expect(await s.tasks.activeForZone(zoneId)).toEqual(second.task);
      // Re-activating the finished task would make two writers: refused.
      await expect(s.tasks.update(first.id, 2, { status: 'active' }, T0 + 3)).rejects.toEqual(busy);
    });

    it('concurrent creates: one task per key, one active task per zone', async () => {
      const racers = [1, 2, 3, 4, 5, 6];
      // Open as many connections as racers first, so a pooled store really runs them at once.
      await Promise.all(racers.map(() => s.tasks.listActive()));
      const sameKey = await Promise.all(
        racers.map((n) => s.tasks.create(task({ idempotencyKey: 'race' }), T0 + n)),
      );
      expect(sameKey.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(sameKey.map((r) => r.task.id)).size).toBe(1);
      const otherKeys = await Promise.allSettled(
        racers.map((n) =>
          s.tasks.create(task({ zoneId: otherZoneId, idempotencyKey: `k${n}` }), T0 + n),
        ),
      );
      expect(otherKeys.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of otherKeys.filter((r) => r.status === 'rejected')) {
        expect(r.reason).toEqual(busy);
      }
    });

    it('saves compare-and-set on version and keeps nested state intact', async () => {
      const created = (await s.tasks.create(task({ state: { attempt: 0 } }), T0)).task;
      const state = {
        attempt: 2,
        plan: { cmdIds: ['c1', 'c2'], step: { name: 'dose', ml: 1.25, done: false } },
        correction: { ph: null, history: [{ at: T0 + 9, value: 5.8 }] },
      };
      const saved = await s.tasks.update(
        created.id,
        1,
        {
          stage: 'irrigating',
          stageStartedAt: T0 + 9,
          stageDeadlineAt: null,
          dueAt: T0 + 10,
          state,
        },
        T0 + 9,
      );
      expect(saved).toEqual({
        ...created,
        stage: 'irrigating',
        stageStartedAt: T0 + 9,
        stageDeadlineAt: null,
        dueAt: T0 + 10,
        state,
        version: 2,
        updatedAt: T0 + 9,
      });
      expect(await s.tasks.byId(created.id)).toEqual(saved);
      // A writer still holding version 1 lost the race: nothing changes.
      expect(await s.tasks.update(created.id, 1, { stage: 'stale' }, T0 + 11)).toBeNull();
      expect(await s.tasks.byId(created.id)).toEqual(saved);
      expect(await s.tasks.update(created.id + 100, 1, { stage: 'x' }, T0)).toBeNull();
      const finished = await s.tasks.update(
        created.id,
        2,
        { status: 'completed', outcome: 'completed_skip', finishedAt: T0 + 12 },
        T0 + 12,
      );
      expect(finished).toMatchObject({ status: 'completed', version: 3, finishedAt: T0 + 12 });
      expect(finished?.state).toEqual(state);
    });

    it('lists active tasks soonest due first and a zone history newest first', async () => {
      const late = (await s.tasks.create(task({ dueAt: T0 + 500 }), T0)).task;
      const soon = (await s.tasks.create(task({ zoneId: otherZoneId, dueAt: T0 + 100 }), T0)).task;
      expect((await s.tasks.listActive()).map((t) => t.id)).toEqual([soon.id, late.id]);
      await s.tasks.update(soon.id, 1, { status: 'cancelled' }, T0 + 1);
      expect((await s.tasks.listActive()).map((t) => t.id)).toEqual([late.id]);

      await s.tasks.update(late.id, 1, { status: 'completed' }, T0 + 2);
      const third = (await s.tasks.create(task(), T0 + 3)).task;
      await s.tasks.update(third.id, 1, { status: 'completed' }, T0 + 4);
      const fourth = (await s.tasks.create(task(), T0 + 5)).task;
      const history = await s.tasks.listForZone(zoneId, 2);
      expect(history.map((t) => t.id)).toEqual([fourth.id, third.id]);
      expect((await s.tasks.listForZone(zoneId, 10)).map((t) => t.id)).toEqual([
        fourth.id,
        third.id,
        late.id,
      ]);
      expect((await s.tasks.listForZone(otherZoneId, 10)).map((t) => t.id)).toEqual([soon.id]);
    });

    it('keeps scheduler cursors per zone and key', async () => {
      expect(await s.schedule.cursor(zoneId, 'irrigation')).toBeNull();
      await s.schedule.setCursor(zoneId, 'irrigation', T0);
      await s.schedule.setCursor(zoneId, 'lighting', T0 + 1);
      await s.schedule.setCursor(otherZoneId, 'irrigation', T0 + 2);
      await s.schedule.setCursor(zoneId, 'irrigation', T0 + 60_000);
      expect(await s.schedule.cursor(zoneId, 'irrigation')).toBe(T0 + 60_000);
      expect(await s.schedule.cursor(zoneId, 'lighting')).toBe(T0 + 1);
      expect(await s.schedule.cursor(otherZoneId, 'irrigation')).toBe(T0 + 2);
      expect(await s.schedule.cursor(otherZoneId, 'lighting')).toBeNull();
    });

    const run = (overrides: Partial<NewScheduleRun> = {}): NewScheduleRun => ({
      zoneId,
      task: 'irrigation',
      slotAt: T0,
      idempotencyKey: 'irr:z1:T0',
      outcome: 'dispatched',
      reason: null,
      taskId: null,
      details: null,
      ...overrides,
    });

    it('records a slot dispatched once, but busy or skipped as often as it happens', async () => {
      const t = (await s.tasks.create(task(), T0)).task;
      expect(await s.schedule.recordRun(run({ outcome: 'busy', reason: 'zone_busy' }), T0)).toEqual(
        { created: true },
      );
      expect(
        await s.schedule.recordRun(run({ outcome: 'busy', reason: 'zone_busy' }), T0 + 1),
      ).toEqual({ created: true });
      expect(
        await s.schedule.recordRun(run({ taskId: t.id, details: { a: [1] } }), T0 + 2),
      ).toEqual({ created: true });
      expect(await s.schedule.recordRun(run({ taskId: t.id }), T0 + 3)).toEqual({
        created: false,
      });
      const runs = await s.schedule.runs(zoneId, { fromMs: T0, toMs: T0 + 1, limit: 10 });
      expect(runs.map((r) => [r.outcome, r.createdAt])).toEqual([
        ['dispatched', T0 + 2],
        ['busy', T0 + 1],
        ['busy', T0],
      ]);
      expect(runs[0]).toEqual({
        id: expect.any(Number) as number,
        zoneId,
        task: 'irrigation',
        slotAt: T0,
        idempotencyKey: 'irr:z1:T0',
        outcome: 'dispatched',
        reason: null,
        taskId: t.id,
        details: { a: [1] },
        createdAt: T0 + 2,
      });
      expect(runs[1]).toMatchObject({ reason: 'zone_busy', taskId: null, details: null });
    });

    it('reads runs by slot range newest first, and prunes by creation time', async () => {
      for (const [i, slot] of [0, 1, 2, 3].entries()) {
        await s.schedule.recordRun(
          run({ slotAt: T0 + slot * 1000, idempotencyKey: `k${slot}`, outcome: 'skipped' }),
          T0 + i,
        );
      }
      await s.schedule.recordRun(run({ zoneId: otherZoneId, idempotencyKey: 'other' }), T0 + 9);
      const slots = async (fromMs: number, toMs: number, limit = 10) =>
        (await s.schedule.runs(zoneId, { fromMs, toMs, limit })).map((r) => r.slotAt - T0);
      expect(await slots(T0, T0 + 3000)).toEqual([2000, 1000, 0]);
      expect(await slots(T0 + 1000, T0 + 4000, 2)).toEqual([3000, 2000]);
      expect(await slots(T0 + 5000, T0 + 9000)).toEqual([]);
      expect(await s.schedule.prune(T0 + 2)).toBe(2);
      expect(await slots(0, T0 + 10_000)).toEqual([3000, 2000]);
      expect(
        await s.schedule.runs(otherZoneId, { fromMs: 0, toMs: T0 + 1, limit: 5 }),
      ).toHaveLength(1);
    });

    it('merges zone runtime memory top-level; null deletes a key', async () => {
      expect(await s.zoneRuntime.get(zoneId)).toEqual({});
      await s.zoneRuntime.merge(zoneId, { baseline: { level: 0.8, at: T0 }, estop: true }, T0);
      await s.zoneRuntime.merge(zoneId, { gains: { ph: 0.1 } }, T0 + 1);
      await s.zoneRuntime.merge(otherZoneId, { estop: false }, T0 + 1);
      // A nested object is replaced whole, not merged; nulls inside it are kept.
      await s.zoneRuntime.merge(zoneId, { baseline: { level: 0.5, prev: null }, estop: null }, T0);
      expect(await s.zoneRuntime.get(zoneId)).toEqual({
        baseline: { level: 0.5, prev: null },
        gains: { ph: 0.1 },
      });
      expect(await s.zoneRuntime.get(otherZoneId)).toEqual({ estop: false });
      await s.zoneRuntime.merge(otherZoneId, { missing: null }, T0 + 2);
      expect(await s.zoneRuntime.get(otherZoneId)).toEqual({ estop: false });
    });

    it('stores the zone workflow phase', async () => {
      const zone = await s.zones.update(zoneId, { workflowPhase: 'irrigating' }, T0 + 1);
      expect(zone).toMatchObject({ workflowPhase: 'irrigating', updatedAt: T0 + 1 });
      expect((await s.zones.byId(zoneId))?.workflowPhase).toBe('irrigating');
      expect((await s.zones.byId(otherZoneId))?.workflowPhase).toBe('idle');
    });

    it('deleting a zone takes its tasks, cursors, runs and runtime memory with it', async () => {
      const t = (await s.tasks.create(task(), T0)).task;
      await s.schedule.setCursor(zoneId, 'irrigation', T0);
      await s.schedule.recordRun(run({ taskId: t.id }), T0);
      await s.zoneRuntime.merge(zoneId, { estop: true }, T0);
      await s.tasks.create(task({ zoneId: otherZoneId }), T0);
      expect(await s.zones.delete(zoneId)).toBe(true);
      expect(await s.tasks.byId(t.id)).toBeNull();
      expect(await s.schedule.cursor(zoneId, 'irrigation')).toBeNull();
      expect(await s.schedule.runs(zoneId, { fromMs: 0, toMs: T0 + 1, limit: 5 })).toEqual([]);
      expect(await s.zoneRuntime.get(zoneId)).toEqual({});
      expect(await s.tasks.listActive()).toHaveLength(1);
    });
  });
}
