import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CorrectionOutcome } from '../../../../src/automation/runtime/correction/correction-types.js';
import { correctionTick } from '../../../../src/automation/runtime/correction/runner.js';
import { off } from '../../../../src/automation/runtime/plans.js';
import { irrigationFlow } from '../../../../src/automation/runtime/workflows/irrigation-plans.js';
import { FakeZoneIo } from './support/fake-zone-io.js';
import { irrigationRig, type IrrigationRig } from './support/irrigation-rig.js';

// Only the stages before the flow opens, and the topologies, are under test: the correction
// tick (its own helper and tests) just keeps waiting.
vi.mock('../../../../src/automation/runtime/correction/runner.js', () => ({
  correctionTick: vi.fn(),
  resetCorrection: vi.fn(),
}));
const keepGoing: CorrectionOutcome = {
  kind: 'continue',
  result: { kind: 'wait', delayMs: 30_000 },
};
const onlyIrrigation = (now: () => number) =>
  new FakeZoneIo(now).bind('valve_irrigation', 'pump_main').setLevel('level_solution_min', true);

let r: IrrigationRig;

beforeEach(() => {
  vi.mocked(correctionTick).mockReset().mockResolvedValue(keepGoing);
});
afterEach(() => r.close());

describe('irrigation before the flow opens', () => {
  it('refuses a run longer than one pump run before any valve opens', async () => {
    r = await irrigationRig();
    await r.irrigate({ requested_duration_sec: 301 });
    await r.run(1_000);
    expect(r.io.sent).toHaveLength(0);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_duration_exceeds_pump_limit',
    });
    expect(await r.alertCodes()).toContain('biz_irrigation_config_invalid');
  });

  it('waits for ready (polling every 10 s, one timeline entry) and gives up after 30 min', async () => {
    r = await irrigationRig();
    await r.f.storage.zones.update(r.zone.id, { workflowPhase: 'idle' }, r.f.clock.now());
    await r.irrigate();
    await r.run(30_000);
    expect(await r.task()).toMatchObject({ stage: 'await_ready', status: 'active' });
    expect((await r.events()).filter((e) => e === 'IRRIGATION_BLOCKED_SETUP_PENDING')).toHaveLength(
      1,
    );
    // Within the engine's 30 s grace, so the stage's own timeout code is the one recorded.
    r.f.clock.advance(1_765_000);
    await r.run(15_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_wait_ready_timeout',
    });
    expect(r.io.sent).toHaveLength(0);
    expect(await r.alertCodes()).toContain('biz_irrigation_wait_ready_timeout');
  });
});

describe('irrigation decisions and topologies', () => {
  it('skips in normal mode when irrigation is disabled, runs when forced', async () => {
    r = await irrigationRig('two_tank', { irrigation: { enabled: false } });
    await r.irrigate({ mode: 'normal' });
    await r.run(1_000);
    expect(await r.task()).toMatchObject({ status: 'completed', outcome: 'completed_skip' });
    expect(r.io.sent).toHaveLength(0);
    expect(await r.alertCodes()).toContain('biz_irrigation_decision_skip');
    expect(await r.phase()).toBe('ready');
    await r.irrigate({ mode: 'force', requested_duration_sec: 5 });
    await r.run(1_000);
    expect(r.steps()).toEqual(irrigationFlow('two_tank', 5_000));
  });

  it('smart_soil_v1 from the zone settings skips a wet substrate and irrigates a dry one', async () => {
    const soil = {
      strategy: 'smart_soil_v1',
      soil_moisture_min_pct: 40,
      soil_moisture_max_pct: 60,
    };
    r = await irrigationRig('two_tank', { irrigation: soil });
    r.io.bind('soil_moisture_sensor').addSamples('soil_moisture_sensor', [66, 65, 67]);
    await r.irrigate();
    await r.run(1_000);
    expect(await r.task()).toMatchObject({ status: 'completed', outcome: 'completed_skip' });
    expect(r.io.sent).toHaveLength(0);
    r.io.addSamples('soil_moisture_sensor', [20, 21, 22, 20, 21, 22, 20, 21, 22]);
    await r.irrigate({ requested_duration_sec: 5 });
    await r.run(1_000);
    expect(r.steps()).toEqual(irrigationFlow('two_tank', 5_000));
    expect((await r.task()).state.decision).toMatchObject({
      outcome: 'run',
      reason_code: 'soil_below_target',
      strategy: 'smart_soil_v1',
    });
  });

  it('fails on an unknown strategy', async () => {
    r = await irrigationRig();
    await r.irrigate({ strategy: 'moon_phase' });
    await r.run(1_000);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_decision_strategy_unknown',
    });
    expect(await r.alertCodes()).toContain('biz_irrigation_decision_fail');
  });

  it('runs a single-tank zone through valve_irrigation and pump_main only', async () => {
    r = await irrigationRig('single_tank', {}, onlyIrrigation);
    await r.irrigate({ requested_duration_sec: 2 });
    await r.run(5_000);
    expect(r.steps()).toEqual([
      ...irrigationFlow('single_tank', 2_000),
      off('pump_main'),
      off('valve_irrigation'),
    ]);
    expect((await r.task()).outcome).toBe('completed_run');
  });

  it('fails closed when an actuator of the flow path is not bound', async () => {
    r = await irrigationRig('two_tank', {}, onlyIrrigation);
    await r.irrigate();
    await r.run(1_000);
    expect(r.io.sent).toHaveLength(0);
    expect(await r.task()).toMatchObject({
      status: 'failed',
      outcome: 'irrigation_actuator_not_bound',
    });
  });
});
