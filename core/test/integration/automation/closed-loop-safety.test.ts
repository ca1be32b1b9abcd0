import { afterEach, describe, expect, it } from 'vitest';
import { closedLoop, type ClosedLoop } from '../../helpers/closed-loop.js';
import { commands, EMPTY_TANKS, flowStopped, irrigOutputs, settle, start } from './loop-support.js';

/**
 * Issue 6 checks (d)–(h): the fail-closed paths in closed loop — real core, broker and store,
 * the simulator's physics and firmware guards as the nodes — on a stepped clock.
 */
let loop: ClosedLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

const MIN = 60_000;
/** Both tanks full of solution already inside the demo recipe's first phase band. */
const PREPARED = { clean: 0.95, solution: 0.95, ph: 5.8, ec: 1.2 } as const;

async function readyZone(): Promise<ClosedLoop> {
  const l = await closedLoop({ initial: PREPARED });
  await start(l, 'cycle_start');
  expect(await settle(l, 60 * MIN)).toMatchObject({ status: 'completed' });
  expect((await l.core.storage.zones.byId(l.zone.id))!.workflowPhase).toBe('ready');
  return l;
}

async function stage(l: ClosedLoop, name: string, maxMs = 30 * MIN) {
  await l.until(async () => (await l.task())?.stage === name, maxMs, `stage ${name}`);
}

describe('fail-closed automation in closed loop', () => {
  it('(d) losing level_solution_min while irrigating stops the pump and sends the zone back to preparation', async () => {
    loop = await readyZone();
    await start(loop, 'irrigation', { mode: 'force', requested_duration_sec: 300 });
    await stage(loop, 'irrigation_check', 5 * MIN);
    const task = await settle(loop, 10 * MIN);
    expect(irrigOutputs(loop).pump_main).toBe(false);
    expect(task.outcome).toMatch(/solution_low|solution_min/);
    expect((await loop.core.storage.zones.byId(loop.zone.id))!.workflowPhase).not.toBe('ready');
  }, 300_000);

  it('(e) an E-stop during a dose turns everything off, fails the task and nothing resumes', async () => {
    loop = await closedLoop({ initial: { clean: 0.95, solution: 0.95, ph: 7.4, ec: 0.5 } });
    await start(loop, 'cycle_start');
    await loop.until(
      async () => (await commands(loop!)).some((c) => c.cmd === 'dose'),
      60 * MIN,
      'a dose',
    );
    loop.sim.node('irrig')!.setEstop(true);
    const task = await settle(loop, 2 * MIN);
    expect(task).toMatchObject({ status: 'failed', outcome: 'emergency_stop_activated' });
    expect(flowStopped(loop)).toBe(true);
    loop.sim.node('irrig')!.setEstop(false);
    await loop.run(30 * MIN);
    expect(await loop.core.storage.tasks.activeForZone(loop.zone.id)).toBeNull();
    expect(flowStopped(loop)).toBe(true);
  }, 300_000);

  it('(f) after a core restart a waiting task resumes and finishes', async () => {
    loop = await closedLoop({ initial: EMPTY_TANKS });
    await start(loop, 'cycle_start');
    await stage(loop, 'clean_fill_check');
    await loop.run(MIN);
    await loop.restartCore();
    await loop.until(
      async () => (await loop!.task())?.stage !== 'clean_fill_check',
      30 * MIN,
      'progress after restart',
    );
    expect(await loop.events()).toContain('AE_STARTUP_RECOVERY_OUTCOME');
    const recovery = (await loop.core.storage.events.list(loop.zone.id, { limit: 1000 })).find(
      (e) => e.type === 'AE_STARTUP_RECOVERY_OUTCOME',
    );
    expect(recovery?.payload.outcome).toBe('resumed');
    expect((await loop.task())!.status).not.toBe('failed');
  }, 300_000);

  it('(g) a required node offline during a stage fails safe with an alert', async () => {
    loop = await closedLoop({ initial: EMPTY_TANKS });
    await start(loop, 'cycle_start');
    await stage(loop, 'clean_fill_check');
    loop.sim.node('ec')!.goOffline();
    const task = await settle(loop, 20 * MIN);
    expect(task).toMatchObject({ status: 'failed' });
    const { alerts } = await loop.core.storage.alerts.list({
      zoneId: loop.zone.id,
      limit: 50,
      offset: 0,
    });
    expect(alerts.map((a) => a.code)).toEqual(expect.arrayContaining(['biz_ae3_task_failed']));
    expect(irrigOutputs(loop).valve_clean_fill).toBe(false);
  }, 300_000);

  it('(h) switching to manual during a fill stops the flow and parks the task', async () => {
    loop = await closedLoop({ initial: EMPTY_TANKS });
    await start(loop, 'cycle_start');
    await stage(loop, 'clean_fill_check');
    expect(irrigOutputs(loop).valve_clean_fill).toBe(true);
    const res = await loop.api('PATCH', `/api/zones/${loop.zone.id}/control-mode`, {
      control_mode: 'manual',
      reason: 'checking the float switch',
    });
    expect(res.status).toBe(200);
    await stage(loop, 'manual_hold', 2 * MIN);
    expect(flowStopped(loop)).toBe(true);
    expect((await loop.task())!.status).toBe('active');
    await loop.run(10 * MIN);
    expect(flowStopped(loop)).toBe(true);
  }, 300_000);
});
