import { describe, expect, it } from 'vitest';
import { SINGLE_TANK_WATER, WaterSystem } from '../../../src/sim/physics/water-system.js';
import { SimWorld } from '../../../src/sim/physics/world.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { NodeHarness } from './support/node-harness.js';

const FILL_L_PER_S = SINGLE_TANK_WATER.mainsLpm / 60;

function reservoir(solution: number): WaterSystem {
  return new WaterSystem({ clean: 0.9, solution, ph: 7.2, ec: 0.45, tempC: 20 }, SINGLE_TANK_WATER);
}

describe('single-tank water system', () => {
  it('fills the reservoir from mains through valve_clean_fill; no clean tank exists', () => {
    const water = reservoir(0);
    expect(water.cleanL).toBe(0);
    water.actuators.valve_clean_fill = true;
    let seconds = 0;
    while (!water.levels().level_solution_max && seconds < 3_600) {
      water.step(1, 20);
      seconds++;
    }
    const capacity = SINGLE_TANK_WATER.solution.capacityL;
    expect(seconds).toBeCloseTo((capacity * 0.92) / FILL_L_PER_S, -1);
    expect(water.levels()).toEqual({
      level_clean_min: false,
      level_clean_max: false,
      level_solution_min: true,
      level_solution_max: true,
    });
  });

  it('circulates with pump_main alone and irrigates through valve_irrigation', () => {
    const water = reservoir(0.8);
    water.actuators.pump_main = true;
    expect(water.flows()).toMatchObject({
      solutionLoop: SINGLE_TANK_WATER.pumpLpm,
      solutionToDrip: 0,
    });
    for (let t = 0; t < 60; t++) water.step(1, 20);
    expect(water.solutionL).toBeCloseTo(120, 5);
    water.actuators.valve_irrigation = true;
    for (let t = 0; t < 60; t++) water.step(1, 20);
    expect(water.solutionL).toBeCloseTo(120 - SINGLE_TANK_WATER.pumpLpm, 5);
    expect(water.irrigatedL).toBeCloseTo(SINGLE_TANK_WATER.pumpLpm, 5);
  });

  it('takes the dosing nodes doses into the reservoir and mixes them while circulating', () => {
    const clock = new FakeClock();
    const world = new SimWorld({ clock, water: SINGLE_TANK_WATER, initial: { solution: 0.8 } });
    world.setWaterActuator('pump_main', true);
    world.dose('calcium', 50);
    clock.advance(120_000);
    // 50 ml of calcium concentrate into 120 L: +0.2 mS/cm.
    expect(world.solution().ec).toBeCloseTo(0.45 + (0.48 * 50) / 120, 1);
  });
});

/** An irrigation node wired to a single-tank greenhouse. */
function singleTankNode(solution: number): NodeHarness {
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 12, 0, 0));
  const world = new SimWorld({ clock, water: SINGLE_TANK_WATER, initial: { solution } });
  // The harness takes a shared greenhouse from another harness; only its clock and world count.
  const greenhouse = { clock, world } as Pick<NodeHarness, 'clock' | 'world'> as NodeHarness;
  return NodeHarness.ready({ type: 'irrig', sharedWith: greenhouse });
}

describe('single-tank irrigation node', () => {
  it('runs pump_main with no valve open: it circulates the reservoir', () => {
    const h = singleTankNode(0.5);
    const id = h.command('pump_main', 'set_relay', {
      state: true,
      timeout_ms: 60_000,
      stage: 'prepare_recirculation',
    });
    expect(h.last(id)).toMatchObject({ status: 'DONE', details: { state: true } });
    expect(h.world.water.flows().solutionLoop).toBeGreaterThan(0);
  });

  it('closes valve_clean_fill on its own at level_solution_max', () => {
    const h = singleTankNode(0.85);
    h.command('valve_clean_fill', 'set_relay', { state: true });
    h.clock.advance(60_000);
    expect(h.events('clean_fill_completed')).toHaveLength(1);
    expect(h.runtime.state().actuators).toMatchObject({ valve_clean_fill: false });
    expect(
      h.events('level_switch_changed').find((e) => e.channel === 'level_solution_max'),
    ).toMatchObject({ state: true });
  });

  it('stops the pump when the reservoir falls below its minimum', () => {
    const h = singleTankNode(0.2);
    h.command('valve_irrigation', 'set_relay', { state: true });
    h.command('pump_main', 'set_relay', { state: true });
    h.clock.advance(30_000);
    expect(h.events('irrigation_solution_low')).toHaveLength(1);
    expect(h.runtime.state().actuators).toMatchObject({
      pump_main: false,
      valve_irrigation: false,
    });
  });
});
