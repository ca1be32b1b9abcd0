import type { WaterActuator, WaterActuators, WaterLayout } from '../physics/water-system.js';
import {
  PATHS,
  checkGuards,
  pumpInterlockOk,
  type FlowPath,
  type GuardInput,
  type GuardTrip,
} from './irrig-guards.js';

/**
 * What the irrigation node's local guards know about the plumbing behind its outputs: which
 * outputs a flow path uses (what a trip switches off), when a path completes or must stop, and
 * whether the pump has somewhere to push. The two-tank board of §11.3 is the reference; a
 * single-tank build of the same board drives one reservoir.
 */
export interface IrrigPlumbing {
  readonly paths: Readonly<Record<FlowPath, readonly WaterActuator[]>>;
  checkGuards(input: GuardInput): GuardTrip | null;
  pumpInterlockOk(a: WaterActuators): boolean;
}

export const TWO_TANK_PLUMBING: IrrigPlumbing = { paths: PATHS, checkGuards, pumpInterlockOk };

/**
 * One reservoir: `valve_clean_fill` fills it from mains and closes at `level_solution_max`; the
 * pump circulates it (or feeds the drip lines through `valve_irrigation`) and stops when
 * `level_solution_min` clears. A pump stage guard stops the pump whichever stage armed it.
 */
const SINGLE_TANK_PATHS: Record<FlowPath, readonly WaterActuator[]> = {
  clean_fill: ['valve_clean_fill'],
  solution_fill: ['pump_main'],
  prepare_recirculation: ['pump_main'],
  irrigation: ['pump_main', 'valve_irrigation'],
};

function singleTankGuards({ actuators: a, levels, settings }: GuardInput): GuardTrip | null {
  if (a.valve_clean_fill && levels.level_solution_max) {
    return { path: 'clean_fill', event: 'clean_fill_completed' };
  }
  if (!a.pump_main || levels.level_solution_min) return null;
  if (a.valve_irrigation) {
    return settings.irrigationSolutionMinGuard
      ? { path: 'irrigation', event: 'irrigation_solution_low' }
      : null;
  }
  return settings.recirculationSolutionMinGuard
    ? { path: 'prepare_recirculation', event: 'recirculation_solution_low' }
    : null;
}

export const SINGLE_TANK_PLUMBING: IrrigPlumbing = {
  paths: SINGLE_TANK_PATHS,
  checkGuards: singleTankGuards,
  // The pump always returns into the reservoir it draws from: no valve needs to be open.
  pumpInterlockOk: () => true,
};

export function plumbingOf(layout: WaterLayout | undefined): IrrigPlumbing {
  return layout === 'single_tank' ? SINGLE_TANK_PLUMBING : TWO_TANK_PLUMBING;
}
