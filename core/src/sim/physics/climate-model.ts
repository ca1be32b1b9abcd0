import { clamp } from './solution-chemistry.js';

/**
 * Greenhouse air: temperature and humidity relax toward the outside air (faster with the fan
 * running), the heater adds heat, the humidifier adds moisture, plants draw CO₂ down in light.
 * First-order and deliberately simple: enough for controllers to see plausible responses.
 */
export interface ClimateState {
  readonly airC: number;
  readonly rh: number;
  readonly co2: number;
}

/** Actuator drive levels, each 0..1 (a relay is 0 or 1, a PWM channel its duty). */
export interface ClimateInputs {
  readonly heater: number;
  readonly fan: number;
  readonly humidifier: number;
}

export const IDLE_CLIMATE: ClimateInputs = { heater: 0, fan: 0, humidifier: 0 };

export interface ClimateSpec {
  readonly outsideMeanC: number;
  /** Half the day/night swing; coldest at 04:00, warmest at 16:00. */
  readonly outsideSwingC: number;
  readonly outsideRh: number;
  readonly outsideCo2: number;
  /** Air exchange of the closed house, and with the fan at full speed. */
  readonly passiveTauS: number;
  readonly fanTauS: number;
  /** Greenhouse effect: sunlit air sits this much above outside at full sun. */
  readonly solarGainC: number;
  readonly heaterCPerH: number;
  readonly humidifierRhPerH: number;
  /** CO₂ drawn down by photosynthesis at full light. */
  readonly plantCo2PpmPerH: number;
}

export const DEFAULT_CLIMATE: ClimateSpec = {
  outsideMeanC: 17,
  outsideSwingC: 6,
  outsideRh: 65,
  outsideCo2: 420,
  passiveTauS: 1800,
  fanTauS: 240,
  solarGainC: 8,
  heaterCPerH: 12,
  humidifierRhPerH: 40,
  plantCo2PpmPerH: 120,
};

export interface Outside {
  readonly airC: number;
  readonly rh: number;
}

export function outsideAir(hourOfDay: number, spec: ClimateSpec = DEFAULT_CLIMATE): Outside {
  const phase = ((hourOfDay - 10) / 24) * 2 * Math.PI;
  const airC = spec.outsideMeanC + spec.outsideSwingC * Math.sin(phase);
  // Relative humidity runs opposite to temperature over the day.
  const rh = clamp(spec.outsideRh - 2.5 * (airC - spec.outsideMeanC), 5, 100);
  return { airC, rh };
}

/**
 * One step of `dtS` simulated seconds. `sun` is the daylight fraction 0..1 (warms the house and
 * drives photosynthesis).
 */
export function stepClimate(
  state: ClimateState,
  inputs: ClimateInputs,
  outside: Outside,
  sun: number,
  dtS: number,
  spec: ClimateSpec = DEFAULT_CLIMATE,
): ClimateState {
  const exchangeRate = 1 / spec.passiveTauS + clamp(inputs.fan, 0, 1) / spec.fanTauS;
  const relax = 1 - Math.exp(-dtS * exchangeRate);
  const targetC = outside.airC + spec.solarGainC * sun;
  const heat = (spec.heaterCPerH * clamp(inputs.heater, 0, 1) * dtS) / 3600;
  const airC = state.airC + (targetC - state.airC) * relax + heat;
  // Warming air holds more water: relative humidity drops about 3 % per °C at constant moisture.
  const warmingDrop = 3 * (airC - state.airC);
  const moisture = (spec.humidifierRhPerH * clamp(inputs.humidifier, 0, 1) * dtS) / 3600;
  const rh = state.rh + (outside.rh - state.rh) * relax + moisture - warmingDrop;
  const draw = (spec.plantCo2PpmPerH * sun * dtS) / 3600;
  const co2 = state.co2 + (spec.outsideCo2 - state.co2) * relax - draw;
  return { airC, rh: clamp(rh, 5, 100), co2: Math.max(150, co2) };
}
