import { clamp } from './solution-chemistry.js';

/**
 * Illuminance at canopy height: daylight through the glazing plus the grow lamps. Lamp levels
 * are 0..1 (relay on = 1, PWM = duty).
 */
export interface LightSpec {
  readonly sunriseH: number;
  readonly sunsetH: number;
  /** Clear-sky illuminance at solar noon outside. */
  readonly peakOutsideLux: number;
  /** Share of daylight the greenhouse cover lets through. */
  readonly transmission: number;
  /** Canopy illuminance of one lamp channel at full output. */
  readonly lampLux: number;
}

export const DEFAULT_LIGHT: LightSpec = {
  sunriseH: 6,
  sunsetH: 20,
  peakOutsideLux: 60_000,
  transmission: 0.6,
  lampLux: 15_000,
};

/** Fraction of the noon sun, a half-sine between sunrise and sunset. */
export function sunFraction(hourOfDay: number, spec: LightSpec = DEFAULT_LIGHT): number {
  if (hourOfDay <= spec.sunriseH || hourOfDay >= spec.sunsetH) return 0;
  return Math.sin(((hourOfDay - spec.sunriseH) / (spec.sunsetH - spec.sunriseH)) * Math.PI);
}

export function canopyLux(
  hourOfDay: number,
  lampLevels: Iterable<number>,
  spec: LightSpec = DEFAULT_LIGHT,
): number {
  let lamps = 0;
  for (const level of lampLevels) lamps += clamp(level, 0, 1);
  return (
    sunFraction(hourOfDay, spec) * spec.peakOutsideLux * spec.transmission + lamps * spec.lampLux
  );
}
