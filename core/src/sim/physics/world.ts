import type { Clock } from '../../runtime/clock.js';
import {
  DEFAULT_CLIMATE,
  IDLE_CLIMATE,
  outsideAir,
  stepClimate,
  type ClimateInputs,
  type ClimateSpec,
  type ClimateState,
} from './climate-model.js';
import { DEFAULT_LIGHT, canopyLux, sunFraction, type LightSpec } from './light-model.js';
import type { Reagent } from './solution-chemistry.js';
import {
  DEFAULT_WATER,
  WaterSystem,
  type LevelSwitches,
  type WaterActuator,
  type WaterInitial,
  type WaterSpec,
} from './water-system.js';

export interface WorldInitial extends WaterInitial, ClimateState {}

/** A full clean tank and an empty solution tank of mains water: the start of a tank cycle. */
export const DEFAULT_WORLD_INITIAL: WorldInitial = {
  clean: 0.95,
  solution: 0.05,
  ph: 7.2,
  ec: 0.45,
  tempC: 20,
  airC: 21,
  rh: 60,
  co2: 450,
};

export interface SimWorldOptions {
  readonly clock: Clock;
  /** Simulated seconds per real second (demo and tests fast-forward the physics). */
  readonly speed?: number;
  readonly initial?: Partial<WorldInitial>;
  /** Greenhouse local time offset from UTC, for the day/night cycle. */
  readonly utcOffsetMinutes?: number;
  readonly water?: WaterSpec;
  readonly climate?: ClimateSpec;
  readonly light?: LightSpec;
}

export interface WorldSnapshot {
  readonly simTime: string;
  readonly tanks: {
    readonly cleanL: number;
    readonly solutionL: number;
    readonly levels: LevelSwitches;
  };
  readonly solution: { readonly ph: number; readonly ec: number; readonly tempC: number };
  readonly air: ClimateState;
  readonly lux: number;
  readonly irrigatedL: number;
}

/** Longest integration step; keeps the explicit updates stable at high speed factors. */
const MAX_STEP_S = 1;

/**
 * The physical greenhouse every simulated node of one zone shares: the ph and ec nodes dose into
 * the same solution tank the irrigation node fills and circulates. Time is pulled, not pushed:
 * every read or actuation first integrates up to the clock's now, so the result depends only on
 * the sequence of actions, never on timer jitter.
 */
export class SimWorld {
  readonly water: WaterSystem;
  readonly speed: number;
  private climateState: ClimateState;
  private readonly climateInputs = new Map<string, ClimateInputs>();
  private readonly lamps = new Map<string, number>();
  private lastMs: number;
  private simMs: number;

  constructor(private readonly options: SimWorldOptions) {
    const initial = { ...DEFAULT_WORLD_INITIAL, ...options.initial };
    this.speed = options.speed ?? 1;
    this.water = new WaterSystem(initial, options.water ?? DEFAULT_WATER);
    this.climateState = { airC: initial.airC, rh: initial.rh, co2: initial.co2 };
    this.lastMs = options.clock.now();
    this.simMs = this.lastMs;
  }

  advance(): void {
    const now = this.options.clock.now();
    if (now <= this.lastMs) return;
    let remainingS = ((now - this.lastMs) / 1000) * this.speed;
    this.lastMs = now;
    while (remainingS > 1e-9) {
      const dtS = Math.min(MAX_STEP_S, remainingS);
      this.stepOnce(dtS);
      remainingS -= dtS;
    }
  }

  setWaterActuator(name: WaterActuator, on: boolean): void {
    this.advance();
    this.water.actuators[name] = on;
  }

  dose(reagent: Reagent, ml: number): void {
    this.advance();
    this.water.chemistry.dose(reagent, ml);
  }

  /** Drive levels contributed by one actuator (`source` = node + channel). */
  setClimateInput(source: string, inputs: ClimateInputs): void {
    this.advance();
    this.climateInputs.set(source, inputs);
  }

  setLamp(source: string, level: number): void {
    this.advance();
    this.lamps.set(source, level);
  }

  solution(): { ph: number; ec: number; tempC: number } {
    this.advance();
    const { ph, ec } = this.water.chemistry;
    return { ph, ec, tempC: this.water.solutionTempC };
  }

  air(): ClimateState {
    this.advance();
    return this.climateState;
  }

  lux(): number {
    this.advance();
    return canopyLux(this.hourOfDay(), this.lamps.values(), this.lightSpec());
  }

  levels(): LevelSwitches {
    this.advance();
    return this.water.levels();
  }

  snapshot(): WorldSnapshot {
    this.advance();
    return {
      simTime: new Date(this.simMs).toISOString(),
      tanks: {
        cleanL: this.water.cleanL,
        solutionL: this.water.solutionL,
        levels: this.water.levels(),
      },
      solution: this.solution(),
      air: this.climateState,
      lux: this.lux(),
      irrigatedL: this.water.irrigatedL,
    };
  }

  private stepOnce(dtS: number): void {
    this.simMs += dtS * 1000;
    const hour = this.hourOfDay();
    const sun = sunFraction(hour, this.lightSpec());
    const climateSpec = this.options.climate ?? DEFAULT_CLIMATE;
    this.climateState = stepClimate(
      this.climateState,
      this.totalClimateInputs(),
      outsideAir(hour, climateSpec),
      sun,
      dtS,
      climateSpec,
    );
    this.water.step(dtS, this.climateState.airC);
  }

  private totalClimateInputs(): ClimateInputs {
    let { heater, fan, humidifier } = IDLE_CLIMATE;
    for (const input of this.climateInputs.values()) {
      heater += input.heater;
      fan += input.fan;
      humidifier += input.humidifier;
    }
    return { heater, fan, humidifier };
  }

  private hourOfDay(): number {
    const localMs = this.simMs + (this.options.utcOffsetMinutes ?? 0) * 60_000;
    return (((localMs / 3_600_000) % 24) + 24) % 24;
  }

  private lightSpec(): LightSpec {
    return this.options.light ?? DEFAULT_LIGHT;
  }
}
