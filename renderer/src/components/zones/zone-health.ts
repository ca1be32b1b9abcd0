import type { AlertSeverity, AlertView } from '@contracts/alerts.js';
import type { Tone } from '../status-tones.js';
import type { Reading } from './useZoneReadings.js';

/** One status per zone, the worst of its alerts, readings and nodes (reference §4.1 colours). */
export type ZoneHealth = 'alarm' | 'warning' | 'offline' | 'ok' | 'setup';

export const ZONE_HEALTH_TONES: Record<ZoneHealth, Tone> = {
  alarm: 'error',
  warning: 'warning',
  offline: 'neutral',
  ok: 'success',
  setup: 'neutral',
};

const SEVERITY_WEIGHT: Record<AlertSeverity, number> = {
  critical: 1000,
  error: 300,
  warning: 40,
  info: 0,
};

export interface ZoneAssessment {
  health: ZoneHealth;
  /** Higher is worse: the dashboard lists zones by it, problems first. */
  score: number;
}

export function assessZone(
  readings: readonly Reading[],
  alerts: readonly AlertView[],
  nodeCount: number,
  offline: number,
): ZoneAssessment {
  const out = readings.filter((r) => r.state === 'out').length;
  const warn = readings.filter((r) => r.state === 'warn').length;
  const score =
    alerts.reduce((sum, a) => sum + SEVERITY_WEIGHT[a.severity], 0) +
    out * 200 +
    warn * 30 +
    offline * 100;
  const severe = alerts.some((a) => a.severity === 'critical' || a.severity === 'error');
  let health: ZoneHealth = 'ok';
  if (nodeCount === 0) health = 'setup';
  else if (severe || out > 0) health = 'alarm';
  else if (warn > 0 || alerts.some((a) => a.severity === 'warning')) health = 'warning';
  else if (offline > 0) health = 'offline';
  return { health, score };
}
