import { z } from 'zod';

/**
 * The backend stores any non-empty `metric_type` up to 50 characters; unknown ones become sensor
 * type OTHER (§5.1), so the wire schema does not restrict the value to the catalogue.
 */
export const MetricTypeSchema = z.string().min(1).max(50);

/** Metric types of the reference catalogue (§5.1), with their usual unit and hard bounds. */
export const METRIC_CATALOGUE = {
  PH: { unit: 'pH', range: [0, 14] },
  EC: { unit: 'mS/cm', range: [0, 20] },
  TDS: { unit: 'ppm' },
  TEMPERATURE: { unit: '°C' },
  HUMIDITY: { unit: '%', range: [0, 100] },
  CO2: { unit: 'ppm' },
  LIGHT_INTENSITY: { unit: 'lux' },
  // light_node firmware sends the uppercased channel name instead of LIGHT_INTENSITY (§5.1).
  LIGHT: { unit: 'lux' },
  WATER_LEVEL: { unit: 'cm' },
  WATER_LEVEL_SWITCH: { unit: 'bool', range: [0, 1] },
  FLOW_RATE: { unit: 'L/min' },
  PUMP_CURRENT: { unit: 'mA' },
  SOIL_MOISTURE: { unit: '%', range: [0, 100] },
  SOIL_TEMP: { unit: '°C' },
  WIND_SPEED: { unit: 'm/s' },
  WIND_DIRECTION: { unit: '°', range: [0, 360] },
  OUTSIDE_TEMP: { unit: '°C' },
  OUTSIDE_HUMIDITY: { unit: '%', range: [0, 100] },
  OUTSIDE_PRESSURE: { unit: 'hPa' },
  OUTSIDE_LIGHT: { unit: 'lux' },
  RAIN_DETECTED: { unit: 'bool', range: [0, 1] },
} as const satisfies Record<string, { unit: string; range?: readonly [number, number] }>;

export type KnownMetricType = keyof typeof METRIC_CATALOGUE;

export function isKnownMetricType(metric: string): metric is KnownMetricType {
  return Object.hasOwn(METRIC_CATALOGUE, metric);
}
