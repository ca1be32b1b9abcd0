import { testRuntimeContext } from './support/runtime-context.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutomationEngine } from '../../../../src/automation/runtime/engine.js';
import { off, on } from '../../../../src/automation/runtime/plans.js';
import type { Workflow } from '../../../../src/automation/runtime/workflow.js';
import type { ZoneRecord } from '../../../../src/storage/domain-types.js';
import { domainFixture, type DomainFixture } from '../../../helpers/domain-fixture.js';
import { FakeZoneIo } from './support/fake-zone-io.js';

const FILL = [on('valve_clean_fill'), on('pump_main')];
const STOP = [off('pump_main'), off('valve_clean_fill')];

/** A small flow workflow: open, wait for the tank to be full, finish `ready`. */
const toy: Workflow = {
  kind: 'cycle_start',
  firstStage: 'fill_start',
  firstDeadlineMs: null,
  flowPath: true,
  stages: {
    fill_start: () =>
      Promise.resolve({
        kind: 'plan',
        name: 'fill',
        steps: FILL,
        then: 'fill_check',
        thenDeadlineMs: 60_000,
      }),
    fill_check: async (ctx) => {
      if ((await ctx.io.level('level_clean_max')).triggered)
        return { kind: 'complete', outcome: 'filled', phase: 'ready' };
      if (ctx.now >= ctx.task.stageDeadlineAt!) return { kind: 'fail', code: 'fill_timeout' };
      return { kind: 'wait', delayMs: 1_000 };
    },
  },
  phaseOf: (stage) => (stage.startsWith('fill') ? 'tank_filling' : null),
  holds: { fill_check: { stop: STOP, resume: 'fill_start' } },
  manualSteps: { fill_check: ['clean_fill_stop', 'clean_fill_start'] },
};

let f: DomainFixture;
let io: FakeZoneIo;
let zone: ZoneRecord;
let engine: AutomationEngine;

function newEngine(): AutomationEngine {
  const ctx = testRuntimeContext(f, {
    workflow: (kind, topology) => (kind === 'cycle_start' && topology === 'two_tank' ? toy : null),
  });
  return new AutomationEngine(ctx, () => io);
}

/** Let time pass and let the engine catch up (the second tick runs after any in flight). */
async function run(ms = 0): Promise<void> {
  f.clock.advance(ms);
  await engine.tick();
  await engine.tick();
}

const task = async () => (await f.storage.tasks.listForZone(zone.id, 1))[0]!;
const events = async () =>
  (await f.storage.events.list(zone.id, { limit: 100 })).map((e) => e.type);

beforeEach(async () => {
  f = await domainFixture();
  io = new FakeZoneIo(() => f.clock.now()).bind(
    'valve_clean_fill',
    'pump_main',
    'valve_irrigation',
    'pump_acid',
  );
  io.setLevel('level_clean_max', false);
  const gh = await f.domain.greenhouses.create(
    { name: 'H', timezone: 'UTC', description: null },
    't',
  );
  const created = await f.domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Z',
      description: null,
      control_mode: 'auto',
      topology: 'two_tank',
      settings: {},
    },
    't',
  );
  zone = (await f.storage.zones.byId(created.id))!;
  engine = newEngine();
  await engine.start();
});
afterEach(async () => {
  await engine.stop();
  await f.close();
});

describe('automation engine', () => {
  it('sends a plan one command at a time, each after the previous is DONE, then runs the stage', async () => {
    io.sendStatus = 'ACK';
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    expect(io.sent.map((s) => s.step)).toEqual([FILL[0]]);
    await run(1_000);
    expect(io.sent).toHaveLength(1);
    io.setStatus(io.sent[0]!.cmdId, 'DONE');
    await run(250);
    expect(io.sent.map((s) => s.step)).toEqual(FILL);
    io.setStatus(io.sent[1]!.cmdId, 'DONE');
    await run(250);
    expect(await task()).toMatchObject({ stage: 'fill_check', status: 'active' });
    expect((await f.storage.zones.byId(zone.id))!.workflowPhase).toBe('tank_filling');
    io.setLevel('level_clean_max', true);
    await run(1_000);
    expect(await task()).toMatchObject({ status: 'completed', outcome: 'filled' });
    expect((await f.storage.zones.byId(zone.id))!.workflowPhase).toBe('ready');
    expect(await events()).toEqual(
      expect.arrayContaining(['AE_TASK_STARTED', 'AE_STAGE_CHANGED', 'AE_TASK_COMPLETED']),
    );
  });

  it('fails safe when a command is not DONE: OFF batch pump first, zone idle, task failed, alert', async () => {
    io.sendStatus = 'ERROR';
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    expect((await task()).status).toBe('active');
    await run(250);
    expect(await task()).toMatchObject({ status: 'failed', outcome: 'command_failed' });
    const batch = io.fired[0]!.steps;
    expect(batch[0]).toEqual(off('pump_main'));
    expect(batch.map((s) => s.role)).toEqual(['pump_main', 'valve_irrigation', 'valve_clean_fill']);
    expect((await f.storage.zones.byId(zone.id))!.workflowPhase).toBe('idle');
    const { alerts } = await f.storage.alerts.list({ zoneId: zone.id, limit: 10, offset: 0 });
    expect(alerts.map((a) => a.code)).toContain('biz_ae3_task_failed');
  });

  it('fails a stage that outlives its deadline', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    await run(250);
    await run(250);
    expect((await task()).stage).toBe('fill_check');
    await run(61_000);
    expect(await task()).toMatchObject({ status: 'failed', outcome: 'fill_timeout' });
  });

  it('keeps one active task per zone', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await expect(
      engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'scheduler' }),
    ).rejects.toMatchObject({ code: 'zone_busy' });
    await expect(
      engine.startTask({ zoneId: zone.id, kind: 'irrigation', source: 'scheduler' }),
    ).rejects.toMatchObject({ code: 'workflow_unsupported' });
  });

  it('parks a flow stage in manual (flow stopped pump first) and resumes it back in auto', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    await run(250);
    await run(250);
    expect((await task()).stage).toBe('fill_check');
    await f.storage.zones.update(zone.id, { controlMode: 'manual' }, f.clock.now());
    await engine.controlModeChanged(zone.id, 'auto', 'manual');
    await run(250);
    await run(250);
    await run(250);
    expect(io.sent.slice(2).map((s) => s.step)).toEqual(STOP);
    expect(await task()).toMatchObject({ stage: 'manual_hold', status: 'active' });
    await expect(engine.operatorStep(zone.id, 'irrigation_stop')).rejects.toMatchObject({
      code: 'manual_step_not_allowed',
    });
    await f.storage.zones.update(zone.id, { controlMode: 'auto' }, f.clock.now());
    await engine.controlModeChanged(zone.id, 'manual', 'auto');
    await run(1_000);
    expect((await task()).stage).not.toBe('manual_hold');
    expect(await f.storage.zoneRuntime.get(zone.id)).toMatchObject({ reconcile_pending: true });
    await expect(engine.operatorStep(zone.id, 'clean_fill_start')).rejects.toMatchObject({
      code: 'manual_step_forbidden_in_auto_mode',
    });
  });

  it('fails the task on an E-stop and latches it for the zone', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    engine.onNodeEvent({
      nodeId: 1,
      zoneId: zone.id,
      channel: 'storage_state',
      type: 'EMERGENCY_STOP_ACTIVATED',
      payload: {},
      ts: f.clock.now(),
    });
    await run();
    expect(await task()).toMatchObject({ status: 'failed', outcome: 'emergency_stop_activated' });
    expect(io.fired).toHaveLength(1);
    expect(await f.storage.zoneRuntime.get(zone.id)).toHaveProperty('estop_at');
    await run(60_000);
    expect(await f.storage.tasks.activeForZone(zone.id)).toBeNull();
  });

  it('after a restart fails safe a task whose command was never confirmed, and resumes one that was', async () => {
    io.sendStatus = 'ACK';
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    await engine.stop();
    engine = newEngine();
    await engine.start();
    expect(await task()).toMatchObject({
      status: 'failed',
      outcome: 'startup_recovery_unconfirmed_command',
    });
    expect(io.fired).toHaveLength(1);

    io.sendStatus = 'DONE';
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run();
    await engine.stop();
    engine = newEngine();
    await engine.start();
    expect((await task()).status).toBe('active');
    expect(await events()).toContain('AE_STARTUP_RECOVERY_OUTCOME');
  });
});
