import type { BindingRole } from '../../contracts/bindings.js';
import type { EffectiveTargets } from '../../contracts/zones.js';
import {
  CLIMATE_DEVICE_DEFAULTS,
  CLIMATE_MAX_AGE_MS,
  type HysteresisConfig,
  type SwitchState,
} from './hysteresis.js';

/**
 * The zone climate actuators (reference-domain §6.3): which sensor each one follows and which
 * setpoint. The fan cools (air temperature above the band); ventilating on humidity is left to
 * the greenhouse vents (§6.2).
 */
export interface ClimateDevice {
  role: Extract<BindingRole, 'heater' | 'fan' | 'humidifier'>;
  sensor: Extract<BindingRole, 'temperature_sensor' | 'humidity_sensor'>;
  config: HysteresisConfig;
  /** The setpoint in force (day or night value of the effective targets), or null: none. */
  target(targets: EffectiveTargets): number | null;
  /** The device working against this one: never switched on while that one is on. */
  opposes: ClimateDevice['role'] | null;
}

/**
 * The fan cools around the setpoint plus this, so its band (on ≥ target + 1.5, off ≤ target + 0.5)
 * starts where the heater's ends (off ≥ target + 0.5): the two never fight over the same reading.
 */
export const FAN_OFFSET_C = 1;

/** §3.4: a missing night value falls back to the day value. */
const airTemp = (t: EffectiveTargets) => t.climate.temp_air_target ?? t.climate.temp_air_day;
const humidity = (t: EffectiveTargets) => t.climate.humidity_target ?? t.climate.humidity_day;
const coolAbove = (t: EffectiveTargets) => {
  const target = airTemp(t);
  return target === null ? null : target + FAN_OFFSET_C;
};

export const CLIMATE_DEVICES: readonly ClimateDevice[] = [
  {
    role: 'heater',
    sensor: 'temperature_sensor',
    config: { ...CLIMATE_DEVICE_DEFAULTS.heater, maxAgeMs: CLIMATE_MAX_AGE_MS },
    target: airTemp,
    opposes: 'fan',
  },
  {
    role: 'fan',
    sensor: 'temperature_sensor',
    config: { ...CLIMATE_DEVICE_DEFAULTS.fan, maxAgeMs: CLIMATE_MAX_AGE_MS },
    target: coolAbove,
    opposes: 'heater',
  },
  {
    role: 'humidifier',
    sensor: 'humidity_sensor',
    config: { ...CLIMATE_DEVICE_DEFAULTS.humidifier, maxAgeMs: CLIMATE_MAX_AGE_MS },
    target: humidity,
    opposes: null,
  },
];

/** What the controller remembers per actuator (zone runtime memory, survives restarts). */
export interface DeviceMemory extends SwitchState {
  /** The state last announced in a CLIMATE_* event (semi: the last recommendation). */
  announced: boolean | null;
  /** Whether its sensor was last seen stale or missing (CLIMATE_SENSOR_STALE announced). */
  stale: boolean;
}

export type ClimateMemory = Partial<Record<ClimateDevice['role'], DeviceMemory>>;

/** The zone runtime memory key the controller keeps its document under. */
export const CLIMATE_MEMORY_KEY = 'climate';

export function deviceMemory(memory: ClimateMemory, role: ClimateDevice['role']): DeviceMemory {
  return memory[role] ?? { on: false, since: null, announced: null, stale: false };
}

/** `CLIMATE_HEATER_ON`, `CLIMATE_FAN_OFF`… */
export function switchEvent(role: ClimateDevice['role'], on: boolean): string {
  return `CLIMATE_${role.toUpperCase()}_${on ? 'ON' : 'OFF'}`;
}
