import { testRuntimeContext } from './support/runtime-context.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { correctionTick } from '../../../../src/automation/runtime/correction/runner.js';
import { AutomationEngine } from '../../../../src/automation/runtime/engine.js';
import type { Workflow } from '../../../../src/automation/runtime/workflow.js';
import type { ZoneRecord } from '../../../../src/storage/domain-types.js';
import { domainFixture, type DomainFixture } from '../../../helpers/domain-fixture.js';
import { targets } from './support/correction-harness.js';
import { FakeZoneIo } from './support/fake-zone-io.js';

const WINDOW_MS = 900_000;

/** One recirculation stage hosting the correction, as the tank workflows do. */
const recirc: Workflow = {
  kind: 'cycle_start',
  firstStage: 'recirc_check',
  firstDeadlineMs: WINDOW_MS,
  flowPath: true,
  stages: {
    recirc_check: async (ctx) => {
      const outcome = await correctionTick(ctx, 'tank_recirc');
      if (outcome.kind === 'continue') return outcome.result;
      if (outcome.kind === 'done') return { kind: 'complete', outcome: 'ready', phase: 'ready' };
      return { kind: 'fail', code: outcome.kind === 'low_water' ? 'low_water' : outcome.code };
    },
  },
  phaseOf: () => 'tank_recirc',
  holds: {},
  manualSteps: {},
};

let f: DomainFixture;
let io: FakeZoneIo;
let zone: ZoneRecord;
let engine: AutomationEngine;
let ec = 0.3;
let nextSampleAt = 0;

/** Let time pass in 500 ms engine ticks; the probes sample every 2 s, doses raise EC. */
async function run(ms: number): Promise<void> {
  const end = f.clock.now() + ms;
  while (f.clock.now() < end) {
    f.clock.advance(500);
    ec = 0.3 + io.sent.filter((s) => s.step.cmd === 'dose').length * 0.2574;
    if (f.clock.now() >= nextSampleAt) {
      io.pushSample('ec_sensor', ec).pushSample('ph_sensor', 5.8);
      nextSampleAt = f.clock.now() + 2_000;
    }
    await engine.tick();
  }
}

const task = async () => (await f.storage.tasks.listForZone(zone.id, 1))[0]!;
const events = async () =>
  (await f.storage.events.list(zone.id, { limit: 200 })).map((e) => e.type);

beforeEach(async () => {
  f = await domainFixture();
  ec = 0.3;
  nextSampleAt = 0;
  io = new FakeZoneIo(() => f.clock.now())
    .bindOn(1, 'ph_sensor', 'pump_acid', 'pump_base')
    .bindOn(2, 'ec_sensor', 'pump_b', 'pump_c', 'pump_a', 'pump_d');
  for (const pump of ['pump_b', 'pump_c', 'pump_a', 'pump_d'] as const) io.setPumpRate(pump, 1);
  io.setLevel('level_solution_min', true).setLevel('level_solution_max', false);
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
  await f.storage.zoneRuntime.merge(zone.id, { water_ec: 0.3, water_ph: 6.9 }, f.clock.now());
  const ctx = testRuntimeContext(f, {
    targets: () => Promise.resolve(targets({ zone_id: zone.id })),
    workflow: (kind) => (kind === 'cycle_start' ? recirc : null),
  });
  engine = new AutomationEngine(ctx, () => io);
  await engine.start();
});
afterEach(async () => {
  await engine.stop();
  await f.close();
});

describe('correction inside the engine', () => {
  it('a dose plan returns to the stage without resetting its start or deadline', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    await run(500);
    const entered = await task();
    expect(entered.stageDeadlineAt).toBe(entered.stageStartedAt + WINDOW_MS);
    await run(30_000);
    const dose = io.sent.find((s) => s.step.cmd === 'dose');
    expect(dose?.step).toEqual({ role: 'pump_b', cmd: 'dose', params: { ml: 42.9 } });
    await run(2_000);
    const after = await task();
    expect(after).toMatchObject({
      stage: 'recirc_check',
      status: 'active',
      stageStartedAt: entered.stageStartedAt,
      stageDeadlineAt: entered.stageDeadlineAt,
    });
    // Entered once (task creation); the plans going out and coming back changed nothing.
    expect(await events()).not.toContain('AE_STAGE_CHANGED');
    expect(await events()).toContain('EC_DOSING');
  });

  it('runs the pipeline through to ready on the real plan runner', async () => {
    await engine.startTask({ zoneId: zone.id, kind: 'cycle_start', source: 'operator:t' });
    for (let i = 0; i < 40 && (await task()).status === 'active'; i++) await run(30_000);
    expect(await task()).toMatchObject({ status: 'completed', outcome: 'ready' });
    expect(
      io.sent.filter((s) => s.step.cmd === 'activate_sensor_mode').map((s) => s.step.role),
    ).toEqual(['ph_sensor', 'ec_sensor']);
  });
});
