import {
  DEFAULT_CHEMISTRY,
  SolutionChemistry,
  clamp,
  type ChemistrySpec,
} from './solution-chemistry.js';

/**
 * The two-tank hydraulics of reference-domain §1.1: mains fills the clean tank, `pump_main`
 * pushes from whichever supply valve is open to whichever outlet valve is open (solution tank or
 * drip lines). Valves and pump are plain booleans; the irrigation node decides them.
 */
export const WATER_ACTUATORS = [
  'pump_main',
  'valve_clean_fill',
  'valve_clean_supply',
  'valve_solution_fill',
  'valve_solution_supply',
  'valve_irrigation',
] as const;
export type WaterActuator = (typeof WATER_ACTUATORS)[number];
export type WaterActuators = Record<WaterActuator, boolean>;

export const LEVEL_SWITCHES = [
  'level_clean_min',
  'level_clean_max',
  'level_solution_min',
  'level_solution_max',
] as const;
export type LevelSwitch = (typeof LEVEL_SWITCHES)[number];
export type LevelSwitches = Record<LevelSwitch, boolean>;

export interface TankSpec {
  readonly capacityL: number;
  /** Fill fraction at which the min / max float switches close. */
  readonly minSwitch: number;
  readonly maxSwitch: number;
}

/**
 * `two_tank` (default): the plumbing above. `single_tank`: one reservoir (the solution tank),
 * filled from mains through `valve_clean_fill`; `pump_main` circulates it back into itself, or
 * to the drip lines while `valve_irrigation` is open. The clean tank and the other valves do
 * not exist there (the clean switches read empty).
 */
export type WaterLayout = 'two_tank' | 'single_tank';

export interface WaterSpec {
  readonly layout?: WaterLayout;
  readonly clean: TankSpec;
  readonly solution: TankSpec;
  readonly mainsLpm: number;
  readonly pumpLpm: number;
  /** Solution temperature follows the air with this time constant. */
  readonly solutionTempTauS: number;
  readonly chemistry: ChemistrySpec;
}

/** Switches latch at 92 % like node_sim's test profile; the min switch guards the pump inlet. */
export const DEFAULT_WATER: WaterSpec = {
  clean: { capacityL: 200, minSwitch: 0.15, maxSwitch: 0.92 },
  solution: { capacityL: 100, minSwitch: 0.15, maxSwitch: 0.92 },
  mainsLpm: 20,
  pumpLpm: 30,
  solutionTempTauS: 3 * 3600,
  chemistry: DEFAULT_CHEMISTRY,
};

/** A 150 L reservoir; mains fills it in about 7 minutes. */
export const SINGLE_TANK_WATER: WaterSpec = {
  ...DEFAULT_WATER,
  layout: 'single_tank',
  clean: { capacityL: 0, minSwitch: 0.15, maxSwitch: 0.92 },
  solution: { capacityL: 150, minSwitch: 0.15, maxSwitch: 0.92 },
};

/** Litres per minute moving along each path for a given actuator state. */
export interface WaterFlows {
  readonly mainsToClean: number;
  /** Single tank: mains straight into the reservoir. */
  readonly mainsToSolution: number;
  readonly cleanToSolution: number;
  readonly cleanToDrip: number;
  readonly solutionLoop: number;
  readonly solutionToDrip: number;
}

const NO_FLOW: WaterFlows = {
  mainsToClean: 0,
  mainsToSolution: 0,
  cleanToSolution: 0,
  cleanToDrip: 0,
  solutionLoop: 0,
  solutionToDrip: 0,
};

export function allClosed(): WaterActuators {
  return Object.fromEntries(WATER_ACTUATORS.map((name) => [name, false])) as WaterActuators;
}

/**
 * Where water goes. The pump splits its flow evenly over open supplies and open outlets and
 * moves nothing from an empty tank (dry run) or into closed valves (dead head).
 */
export function waterFlows(
  a: WaterActuators,
  cleanL: number,
  solutionL: number,
  spec: WaterSpec,
): WaterFlows {
  if (spec.layout === 'single_tank') return singleTankFlows(a, solutionL, spec);
  const mainsToClean = a.valve_clean_fill ? spec.mainsLpm : 0;
  const fromClean = a.valve_clean_supply && cleanL > 0;
  const fromSolution = a.valve_solution_supply && solutionL > 0;
  const sources = Number(fromClean) + Number(fromSolution);
  const outlets = Number(a.valve_solution_fill) + Number(a.valve_irrigation);
  if (!a.pump_main || sources === 0 || outlets === 0) return { ...NO_FLOW, mainsToClean };
  const share = spec.pumpLpm / (sources * outlets);
  const path = (source: boolean, outlet: boolean) => (source && outlet ? share : 0);
  return {
    mainsToClean,
    mainsToSolution: 0,
    cleanToSolution: path(fromClean, a.valve_solution_fill),
    cleanToDrip: path(fromClean, a.valve_irrigation),
    solutionLoop: path(fromSolution, a.valve_solution_fill),
    solutionToDrip: path(fromSolution, a.valve_irrigation),
  };
}

/** One reservoir: the pump sends everything to the drip lines when they are open, else back. */
function singleTankFlows(a: WaterActuators, solutionL: number, spec: WaterSpec): WaterFlows {
  const mainsToSolution = a.valve_clean_fill ? spec.mainsLpm : 0;
  if (!a.pump_main || solutionL <= 0) return { ...NO_FLOW, mainsToSolution };
  return a.valve_irrigation
    ? { ...NO_FLOW, mainsToSolution, solutionToDrip: spec.pumpLpm }
    : { ...NO_FLOW, mainsToSolution, solutionLoop: spec.pumpLpm };
}

export function levelSwitches(cleanL: number, solutionL: number, spec: WaterSpec): LevelSwitches {
  const clean = spec.clean.capacityL > 0 ? cleanL / spec.clean.capacityL : 0;
  const solution = solutionL / spec.solution.capacityL;
  return {
    level_clean_min: clean >= spec.clean.minSwitch,
    level_clean_max: clean >= spec.clean.maxSwitch,
    level_solution_min: solution >= spec.solution.minSwitch,
    level_solution_max: solution >= spec.solution.maxSwitch,
  };
}

export interface WaterInitial {
  /** Fill fractions 0..1. */
  readonly clean: number;
  readonly solution: number;
  readonly ph: number;
  readonly ec: number;
  readonly tempC: number;
}

export class WaterSystem {
  readonly actuators: WaterActuators = allClosed();
  readonly chemistry: SolutionChemistry;
  cleanL: number;
  solutionL: number;
  solutionTempC: number;
  /** Litres delivered to the drip lines since start. */
  irrigatedL = 0;

  constructor(
    initial: WaterInitial,
    readonly spec: WaterSpec = DEFAULT_WATER,
  ) {
    this.cleanL =
      spec.layout === 'single_tank' ? 0 : clamp(initial.clean, 0, 1) * spec.clean.capacityL;
    this.solutionL = clamp(initial.solution, 0, 1) * spec.solution.capacityL;
    this.solutionTempC = initial.tempC;
    this.chemistry = new SolutionChemistry(initial.ph, initial.ec, spec.chemistry);
  }

  flows(): WaterFlows {
    return waterFlows(this.actuators, this.cleanL, this.solutionL, this.spec);
  }

  levels(): LevelSwitches {
    return levelSwitches(this.cleanL, this.solutionL, this.spec);
  }

  /** Advance by `dtS` simulated seconds; the solution temperature relaxes toward `airC`. */
  step(dtS: number, airC: number): void {
    const f = this.flows();
    const minutes = dtS / 60;
    const cleanOut = Math.min(this.cleanL, (f.cleanToSolution + f.cleanToDrip) * minutes);
    const cleanShare = cleanOut > 0 ? f.cleanToSolution / (f.cleanToSolution + f.cleanToDrip) : 0;
    const cleanToSolution = cleanOut * cleanShare;
    const toSolution = cleanToSolution + f.mainsToSolution * minutes;
    const solutionOut = Math.min(this.solutionL, f.solutionToDrip * minutes);
    this.cleanL = Math.min(
      this.spec.clean.capacityL,
      this.cleanL - cleanOut + f.mainsToClean * minutes,
    );
    this.chemistry.dilute(toSolution, this.solutionL);
    // Overflow above capacity spills out of the tank; concentration is unchanged by it.
    this.solutionL = Math.min(
      this.spec.solution.capacityL,
      this.solutionL + toSolution - solutionOut,
    );
    this.irrigatedL += solutionOut + (cleanOut - cleanToSolution);
    this.chemistry.step(dtS, this.solutionL, f.solutionLoop > 0 || toSolution > 0);
    this.solutionTempC +=
      (airC - this.solutionTempC) * (1 - Math.exp(-dtS / this.spec.solutionTempTauS));
  }
}
