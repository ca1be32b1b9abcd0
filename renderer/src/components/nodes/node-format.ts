import { METRIC_CATALOGUE, isKnownMetricType } from '@contracts/mqtt/metrics.js';
import type { Tone } from '../status-tones.js';

/** Decimals a grower reads per metric; anything else gets up to two. */
const DECIMALS: Partial<Record<string, number>> = {
  PH: 2,
  EC: 2,
  TEMPERATURE: 1,
  SOIL_TEMP: 1,
  OUTSIDE_TEMP: 1,
  HUMIDITY: 0,
  SOIL_MOISTURE: 0,
  CO2: 0,
  TDS: 0,
  LIGHT: 0,
  LIGHT_INTENSITY: 0,
  PUMP_CURRENT: 0,
};

/** The unit to print: the channel's own, else the catalogue's; `C` as firmware sends it is °C. */
export function displayUnit(metric: string | null, unit: string | null): string {
  const raw = unit ?? (metric && isKnownMetricType(metric) ? METRIC_CATALOGUE[metric].unit : '');
  return raw === 'C' ? '°C' : raw;
}

/** Whether a metric is an on/off switch (level switches, rain) rather than a measurement. */
export function isSwitchMetric(metric: string | null, unit: string | null): boolean {
  return displayUnit(metric, unit) === 'bool';
}

export function formatNumber(value: number, metric: string | null, locale: string): string {
  const decimals = (metric === null ? undefined : DECIMALS[metric]) ?? 2;
  // Fixed decimals for known metrics, so a value does not change width as it updates.
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: metric !== null && metric in DECIMALS ? decimals : 0,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** How the UI language writes on/off and units. */
export interface ReadingWords {
  on: string;
  off: string;
  unit: (unit: string) => string;
}

/**
 * A reading with its unit ("6.12 pH", "21.4 °C"); switches read as the given on/off words.
 * pH has no space-separated unit in use by growers, so it reads "pH 6.12".
 */
export function formatReading(
  value: number,
  metric: string | null,
  unit: string | null,
  locale: string,
  words: ReadingWords,
): string {
  if (isSwitchMetric(metric, unit)) return value > 0 ? words.on : words.off;
  const shown = displayUnit(metric, unit);
  const number = formatNumber(value, metric, locale);
  if (shown === 'pH') return `pH ${number}`;
  return shown ? `${number} ${words.unit(shown)}` : number;
}

export type SignalQuality = 'excellent' | 'good' | 'fair' | 'weak';

/** Wi-Fi signal bands as ESP32 field guides use them (dBm). */
export function signalQuality(rssi: number): SignalQuality {
  if (rssi >= -55) return 'excellent';
  if (rssi >= -67) return 'good';
  if (rssi >= -75) return 'fair';
  return 'weak';
}

export const SIGNAL_TONES: Record<SignalQuality, Tone> = {
  excellent: 'success',
  good: 'success',
  fair: 'warning',
  weak: 'error',
};

const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "12 seconds ago", "3 hours ago" in the UI language; `now` and `ms` are on the same clock. */
export function formatAgo(ms: number, now: number, locale: string): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (seconds >= size || unit === 'second')
      return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}
