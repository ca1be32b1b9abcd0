import { describe, expect, it } from 'vitest';
import {
  outsideAir,
  stepClimate,
  type ClimateState,
} from '../../../src/sim/physics/climate-model.js';
import { canopyLux, sunFraction } from '../../../src/sim/physics/light-model.js';
import { SolutionChemistry, bufferFactor } from '../../../src/sim/physics/solution-chemistry.js';
import {
  DEFAULT_WATER,
  WaterSystem,
  allClosed,
  levelSwitches,
  waterFlows,
} from '../../../src/sim/physics/water-system.js';
import { SimWorld } from '../../../src/sim/physics/world.js';
import { SeededRandom } from '../../../src/sim/random.js';
import { FakeClock } from '../../fakes/fake-clock.js';

/** Step the chemistry of a still or circulating tank for `seconds`. */
function run(
  chem: SolutionChemistry,
  seconds: number,
  volumeL: number,
  circulating: boolean,
): void {
  for (let t = 0; t < seconds; t += 1) chem.step(1, volumeL, circulating);
}

const noDrift = { ...DEFAULT_WATER.chemistry, phDriftPerH: 0, ecDriftPerH: 0 };

describe('solution chemistry', () => {
  it('lowers pH after an acid dose only once the transport delay has passed', () => {
    const chem = new SolutionChemistry(6.5, 1.5, noDrift);
    chem.dose('acid', 10);
    run(chem, 3, 100, true);
    expect(chem.ph).toBe(6.5);
    run(chem, 120, 100, true);
    const expected = 6.5 - (2 * 10) / 100 / bufferFactor(1.5);
    expect(chem.ph).toBeCloseTo(expected, 2);
    expect(chem.unmixedMl()).toBeLessThan(0.01);
  });

  it('raises pH with base and mixes faster while circulating than in a still tank', () => {
    const still = new SolutionChemistry(5.5, 1.5, noDrift);
    const moving = new SolutionChemistry(5.5, 1.5, noDrift);
    still.dose('base', 10);
    moving.dose('base', 10);
    run(still, 30, 100, false);
    run(moving, 30, 100, true);
    expect(moving.ph).toBeGreaterThan(still.ph);
    expect(still.ph).toBeGreaterThan(5.5);
  });

  it('raises EC per ml relative to the tank volume', () => {
    const small = new SolutionChemistry(6, 0.5, noDrift);
    const large = new SolutionChemistry(6, 0.5, noDrift);
    small.dose('npk', 10);
    large.dose('npk', 10);
    run(small, 300, 50, true);
    run(large, 300, 200, true);
    expect(small.ec - 0.5).toBeCloseTo((0.6 * 10) / 50, 2);
    expect(large.ec - 0.5).toBeCloseTo((0.6 * 10) / 200, 2);
  });

  it('dilutes toward mains water when clean water is added', () => {
    const chem = new SolutionChemistry(5.8, 2.0, noDrift);
    chem.dilute(50, 50);
    expect(chem.ec).toBeCloseTo((2.0 + 0.45) / 2, 5);
    expect(chem.ph).toBeCloseTo((5.8 + 7.2) / 2, 5);
  });

  it('drifts pH up and EC down slowly over hours', () => {
    const chem = new SolutionChemistry(6.0, 1.5);
    run(chem, 3600, 100, false);
    expect(chem.ph).toBeCloseTo(6.03, 3);
    expect(chem.ec).toBeCloseTo(1.49, 3);
  });
});

describe('two-tank hydraulics', () => {
  it('moves water only along open paths with the pump running', () => {
    const a = allClosed();
    expect(waterFlows(a, 100, 50, DEFAULT_WATER).cleanToSolution).toBe(0);
    a.valve_clean_supply = true;
    a.valve_solution_fill = true;
    expect(waterFlows(a, 100, 50, DEFAULT_WATER).cleanToSolution).toBe(0);
    a.pump_main = true;
    expect(waterFlows(a, 100, 50, DEFAULT_WATER).cleanToSolution).toBe(DEFAULT_WATER.pumpLpm);
    expect(waterFlows(a, 0, 50, DEFAULT_WATER).cleanToSolution).toBe(0);
  });

  it('flips level switches exactly at their thresholds', () => {
    const { capacityL } = DEFAULT_WATER.solution;
    const at = (fraction: number) => levelSwitches(0, fraction * capacityL, DEFAULT_WATER);
    expect(at(0.14).level_solution_min).toBe(false);
    expect(at(0.15).level_solution_min).toBe(true);
    expect(at(0.919).level_solution_max).toBe(false);
    expect(at(0.92).level_solution_max).toBe(true);
  });

  it('fills the clean tank from mains until the max switch closes', () => {
    const water = new WaterSystem({ clean: 0.5, solution: 0, ph: 7, ec: 0.45, tempC: 20 });
    water.actuators.valve_clean_fill = true;
    let seconds = 0;
    while (!water.levels().level_clean_max && seconds < 3600) {
      water.step(1, 20);
      seconds += 1;
    }
    // 0.42 × 200 L at 20 L/min is 252 s.
    expect(seconds).toBeGreaterThanOrEqual(251);
    expect(seconds).toBeLessThanOrEqual(253);
  });

  it('dilutes the solution when clean water is pumped in and keeps it when irrigating', () => {
    const water = new WaterSystem({ clean: 0.9, solution: 0.5, ph: 6, ec: 2, tempC: 20 });
    Object.assign(water.actuators, {
      pump_main: true,
      valve_clean_supply: true,
      valve_solution_fill: true,
    });
    for (let t = 0; t < 60; t += 1) water.step(1, 20);
    expect(water.solutionL).toBeCloseTo(80, 0);
    expect(water.chemistry.ec).toBeLessThan(1.5);
    const ecAfterFill = water.chemistry.ec;
    Object.assign(water.actuators, { valve_clean_supply: false, valve_solution_fill: false });
    Object.assign(water.actuators, { valve_solution_supply: true, valve_irrigation: true });
    for (let t = 0; t < 60; t += 1) water.step(1, 20);
    expect(water.solutionL).toBeCloseTo(50, 0);
    expect(water.irrigatedL).toBeCloseTo(30, 0);
    expect(water.chemistry.ec).toBeCloseTo(ecAfterFill, 2);
  });
});

describe('climate and light', () => {
  const hour = 3;
  const night: ClimateState = { airC: 25, rh: 40, co2: 800 };

  it('drifts air temperature and humidity toward the outside air', () => {
    let state = night;
    for (let t = 0; t < 7200; t += 10)
      state = stepClimate(state, { heater: 0, fan: 0, humidifier: 0 }, outsideAir(hour), 0, 10);
    const outside = outsideAir(hour);
    expect(Math.abs(state.airC - outside.airC)).toBeLessThan(
      Math.abs(night.airC - outside.airC) / 2,
    );
    expect(state.co2).toBeLessThan(night.co2);
  });

  it('warms with the heater, cools faster with the fan, humidifies with the humidifier', () => {
    const step = (inputs: { heater: number; fan: number; humidifier: number }) => {
      let state = night;
      for (let t = 0; t < 600; t += 10) state = stepClimate(state, inputs, outsideAir(hour), 0, 10);
      return state;
    };
    const idle = step({ heater: 0, fan: 0, humidifier: 0 });
    expect(step({ heater: 1, fan: 0, humidifier: 0 }).airC).toBeGreaterThan(idle.airC + 1);
    expect(step({ heater: 0, fan: 1, humidifier: 0 }).airC).toBeLessThan(idle.airC - 1);
    expect(step({ heater: 0, fan: 0, humidifier: 1 }).rh).toBeGreaterThan(idle.rh + 3);
  });

  it('lights the canopy with daylight by day and lamps at night', () => {
    expect(sunFraction(2)).toBe(0);
    expect(sunFraction(13)).toBeCloseTo(1, 5);
    expect(canopyLux(2, [])).toBe(0);
    expect(canopyLux(2, [1, 0.5])).toBeCloseTo(1.5 * 15_000, 5);
    expect(canopyLux(13, [])).toBeGreaterThan(30_000);
  });
});

describe('SimWorld', () => {
  it('integrates up to the clock on every read, scaled by the speed factor', () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 1, 12));
    const world = new SimWorld({ clock, speed: 10, initial: { clean: 0.5, solution: 0.5 } });
    world.setWaterActuator('valve_clean_fill', true);
    clock.advance(6000);
    // 6 s real × 10 = 60 s simulated at 20 L/min.
    expect(world.snapshot().tanks.cleanL).toBeCloseTo(120, 5);
  });

  it('replays identically for the same seed', () => {
    const a = new SeededRandom(42).fork('x');
    const b = new SeededRandom(42).fork('x');
    const c = new SeededRandom(42).fork('y');
    const draw = (r: SeededRandom) => Array.from({ length: 5 }, () => r.gaussian());
    expect(draw(a)).toEqual(draw(b));
    expect(draw(c)).not.toEqual(draw(new SeededRandom(42).fork('x')));
  });
});
