import { afterEach, describe, expect, it } from 'vitest';
import { closedLoop, type ClosedLoop } from '../../helpers/closed-loop.js';
import { band, doses, EMPTY_TANKS, expectDosesWithinCaps, settle, start } from './loop-support.js';

/**
 * Issue 6 checks (a)–(c): tank preparation in closed loop — the real core and runtime, the real
 * broker and store, the simulator's physics as the nodes — on a stepped clock.
 */
let loop: ClosedLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

const HOUR = 3_600_000;

describe('tank preparation in closed loop', () => {
  it('(a) prepares a two-tank zone from empty tanks to ready, inside the phase band, no dose over its caps', async () => {
    loop = await closedLoop({ initial: EMPTY_TANKS });
    await start(loop, 'cycle_start');
    const task = await settle(loop, 3 * HOUR);
    expect(task).toMatchObject({ status: 'completed' });
    expect((await loop.core.storage.zones.byId(loop.zone.id))!.workflowPhase).toBe('ready');
    const { ph, ec } = await band(loop);
    const { solution } = loop.sim.world.snapshot();
    expect(solution.ph).toBeGreaterThanOrEqual(ph.min);
    expect(solution.ph).toBeLessThanOrEqual(ph.max);
    expect(solution.ec).toBeGreaterThanOrEqual(ec.min);
    expect(solution.ec).toBeLessThanOrEqual(ec.max);
    expect(await expectDosesWithinCaps(loop)).toBeGreaterThan(0);
    expect(await loop.events()).toEqual(
      expect.arrayContaining(['WATER_BASELINE_CAPTURED', 'PIPELINE_STEP_CHANGED']),
    );
  }, 300_000);

  it('(a) prepares a single-tank zone (one reservoir, fill valve, mixing pump) the same way', async () => {
    loop = await closedLoop({
      topology: 'single_tank',
      types: ['ph', 'ec', 'irrig'],
      initial: { solution: 0.03 },
    });
    await start(loop, 'cycle_start');
    const task = await settle(loop, 3 * HOUR);
    expect(task).toMatchObject({ status: 'completed' });
    expect((await loop.core.storage.zones.byId(loop.zone.id))!.workflowPhase).toBe('ready');
    const { ph, ec } = await band(loop);
    const { solution } = loop.sim.world.snapshot();
    expect(solution.ph).toBeGreaterThanOrEqual(ph.min);
    expect(solution.ph).toBeLessThanOrEqual(ph.max);
    expect(solution.ec).toBeGreaterThanOrEqual(ec.min);
    expect(solution.ec).toBeLessThanOrEqual(ec.max);
    expect(await expectDosesWithinCaps(loop)).toBeGreaterThan(0);
  }, 300_000);

  it('(b) an empty acid bottle raises the no-effect alert after the limit and dosing stops', async () => {
    loop = await closedLoop({ initial: { ...EMPTY_TANKS, ph: 7.8 } });
    loop.sim.node('ph')!.setFaults({ emptyReagents: ['pump_acid'] });
    await start(loop, 'cycle_start');
    await loop.until(
      async () =>
        (
          await loop!.core.storage.alerts.list({
            zoneId: loop!.zone.id,
            code: 'biz_ph_correction_no_effect',
            limit: 1,
            offset: 0,
          })
        ).total > 0,
      3 * HOUR,
      'no-effect alert',
    );
    const acid = (await doses(loop)).filter((d) => d.channel === 'pump_acid');
    expect(acid.length).toBeGreaterThanOrEqual(4);
    await loop.run(30 * 60_000);
    expect((await doses(loop)).filter((d) => d.channel === 'pump_acid')).toHaveLength(acid.length);
  }, 300_000);

  it('(c) a stale pH probe gets no dose', async () => {
    loop = await closedLoop({ initial: { clean: 0.95, solution: 0.95, ph: 7.6, ec: 1.5 } });
    loop.sim.node('ph')!.setFaults({ failedSensors: ['ph_sensor'] });
    await start(loop, 'cycle_start');
    await loop.run(20 * 60_000);
    expect(
      (await doses(loop)).filter((d) => d.channel === 'pump_acid' || d.channel === 'pump_base'),
    ).toEqual([]);
    expect(await loop.events()).toContain('CORRECTION_SKIPPED_FRESHNESS');
  }, 300_000);
});
