import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTO_ADVANCE_INTERVAL_MS,
  RECIPE_COMPLETED_ALERT,
} from '../../../src/domain/grow-cycle-service.js';
import { domainFixture, zoneWithRecipe, type DomainFixture } from '../../helpers/domain-fixture.js';

const HOUR = 3_600_000;

let f: DomainFixture;
let zoneId: number;
let cycleId: number;

beforeEach(async () => {
  f = await domainFixture();
  const { zone, revisionId } = await zoneWithRecipe(f, [
    { name: 'Seedling', ph_target: 5.8, duration_days: 1 },
    { name: 'Veg', ph_target: 6, ph_max: 6.3, duration_hours: 6 },
  ]);
  zoneId = zone.id;
  const created = await f.domain.cycles.create(
    zoneId,
    { recipe_revision_id: revisionId, batch_label: null, notes: null, start_immediately: true },
    'tester',
  );
  cycleId = created.id;
});
afterEach(() => f.close());

/**
 * Lets `ms` pass in 5-minute steps. Only the service's own timer runs the auto-advance pass; each
 * pass finishes within the microtasks before setImmediate (the store is synchronous SQLite).
 */
async function passTime(ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += AUTO_ADVANCE_INTERVAL_MS) {
    f.clock.advance(AUTO_ADVANCE_INTERVAL_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(f.domain.cycles.status().metrics.last_tick_at).toBe(f.clock.now());
}

async function phaseIndex(): Promise<number> {
  return (await f.domain.cycles.get(cycleId)).current_phase.phase_index;
}

describe('grow-cycle auto-advance', () => {
  it('advances on time in auto mode; the effective targets switch at the boundary', async () => {
    await passTime(24 * HOUR - AUTO_ADVANCE_INTERVAL_MS);
    expect(await phaseIndex()).toBe(0);
    const before = await f.domain.zones.effectiveTargets(zoneId);
    expect(before.phase).toMatchObject({ phase_index: 0, name: 'Seedling' });
    expect(before.ph).toEqual({ target: 5.8, min: 5.5, max: 6.1 });

    await passTime(AUTO_ADVANCE_INTERVAL_MS);
    const after = await f.domain.zones.effectiveTargets(zoneId);
    expect(after.phase).toMatchObject({ phase_index: 1, name: 'Veg' });
    expect(after.ph).toEqual({ target: 6, min: 5.5, max: 6.3 });
    const detail = await f.domain.cycles.get(cycleId);
    expect(detail.transitions.at(-1)).toMatchObject({
      trigger_type: 'AUTO_ADVANCE',
      from_phase_index: 0,
      to_phase_index: 1,
      actor: 'automation:auto-advance',
    });
    expect(detail.phases[0]!.ended_at).toBe(new Date(f.clock.now()).toISOString());
    expect(f.events.at(-1)).toMatchObject({
      event: 'cycle.updated',
      data: { zone_id: zoneId, cycle: { id: cycleId, current_phase: { phase_index: 1 } } },
    });
    const audit = await f.storage.audit.list({ limit: 50, targetType: 'grow_cycle' });
    expect(audit.map((a) => [a.action, a.actor])).toContainEqual([
      'grow_cycle.advance',
      'automation:auto-advance',
    ]);
  });

  it('never advances in semi or manual mode (the phase shows as ready) nor while paused', async () => {
    await f.domain.zones.setControlMode(zoneId, 'semi', null, 'tester');
    await passTime(25 * HOUR);
    expect(await phaseIndex()).toBe(0);
    expect((await f.domain.cycles.get(cycleId)).current_phase.ready).toBe(true);
    await f.domain.zones.setControlMode(zoneId, 'manual', 'maintenance', 'tester');
    await passTime(HOUR);
    expect(await phaseIndex()).toBe(0);

    await f.domain.zones.setControlMode(zoneId, 'auto', null, 'tester');
    await f.domain.cycles.act(cycleId, { type: 'pause' }, 'tester', null);
    await passTime(HOUR);
    expect(await phaseIndex()).toBe(0);
    await f.domain.cycles.act(cycleId, { type: 'resume' }, 'tester', null);
    await passTime(AUTO_ADVANCE_INTERVAL_MS);
    expect(await phaseIndex()).toBe(1);
  });

  it('waits while the zone has an error or critical alert; a warning does not hold it', async () => {
    await f.alerts.raise({
      zoneId,
      code: 'biz_low_ph',
      severity: 'warning',
      message: 'pH low',
      dedupeKey: 'low-ph',
    });
    const blocking = await f.alerts.raise({
      zoneId,
      code: 'biz_no_flow',
      severity: 'error',
      message: 'no flow',
      dedupeKey: 'no-flow',
    });
    await passTime(25 * HOUR);
    expect(await phaseIndex()).toBe(0);
    await f.alerts.resolve([blocking!.id], 'tester');
    await passTime(AUTO_ADVANCE_INTERVAL_MS);
    expect(await phaseIndex()).toBe(1);
  });

  it('after the last phase raises the review alert once and keeps the cycle running', async () => {
    await passTime(24 * HOUR + 6 * HOUR);
    await passTime(12 * HOUR);
    const { alerts } = await f.storage.alerts.list({
      code: RECIPE_COMPLETED_ALERT,
      limit: 10,
      offset: 0,
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      zoneId,
      severity: 'warning',
      status: 'ACTIVE',
      count: 1,
      dedupeKey: `${RECIPE_COMPLETED_ALERT}:cycle:${cycleId}`,
    });
    const cycle = await f.domain.cycles.get(cycleId);
    expect(cycle).toMatchObject({
      status: 'RUNNING',
      current_phase: { phase_index: 1, has_next: false },
    });
    expect(cycle.recipe_completed_at).not.toBeNull();
    // Switching back to an earlier phase re-arms the review for when the recipe ends again.
    await f.domain.cycles.act(cycleId, { type: 'set_phase', phaseIndex: 0 }, 'tester', 'redo');
    expect((await f.domain.cycles.get(cycleId)).recipe_completed_at).toBeNull();
  });
});
