import type { BindingRole } from '../../../contracts/bindings.js';
import type { Metric } from '../../correction/config.js';
import {
  WINDOW_DEFAULTS,
  evaluateWindow,
  windowStart,
  type WindowConfig,
  type WindowResult,
} from '../../correction/decision-window.js';
import type { CommandStep } from '../plans.js';
import type { ZoneIo } from '../zone-io.js';

/**
 * The pH/EC probes (reference-domain §4.1, §4.4): they measure only in active sensor mode, and a
 * decision is only ever made from a window of their samples, never from a single value.
 */

export const SENSOR_ROLE: Record<Metric, BindingRole> = { ph: 'ph_sensor', ec: 'ec_sensor' };

/** `sensor_mode_stabilization_time_sec` sent to the node and `stabilization_sec` waited (§4.10). */
export const SENSOR_STABILIZATION_SEC = 8;

/**
 * `activate_sensor_mode` / `deactivate_sensor_mode` on the `system` channel of every node behind
 * the pH and EC probes, once per node. The dosing pumps live on those nodes and refuse to dose
 * while the mode is off, so both are activated whatever the stage corrects.
 */
export async function sensorModeSteps(io: ZoneIo, active: boolean): Promise<CommandStep[]> {
  const nodes = await io.availability([SENSOR_ROLE.ph, SENSOR_ROLE.ec]);
  return nodes.map(({ role }) => ({
    role,
    channel: 'system',
    cmd: active ? 'activate_sensor_mode' : 'deactivate_sensor_mode',
    params: active ? { stabilization_time_sec: SENSOR_STABILIZATION_SEC } : {},
  }));
}

/**
 * The decision window settings of `metric` (catalog defaults, §4.10) for the probe as it really
 * reports: `telemetry_period_sec` is the node's own poll interval when it is longer than the
 * default, so a probe reporting every 5 s still yields its minimum samples (§4.4's
 * `max(period · min_samples, decision_window)`), and the freshness limit allows two periods.
 */
export async function windowConfig(io: ZoneIo, metric: Metric): Promise<WindowConfig> {
  const base = WINDOW_DEFAULTS[metric];
  const periodSec = ((await io.samplePeriodMs(SENSOR_ROLE[metric])) ?? 0) / 1000;
  if (periodSec <= base.telemetryPeriodSec) return base;
  return {
    ...base,
    telemetryPeriodSec: periodSec,
    maxAgeSec: Math.max(base.maxAgeSec, 2 * periodSec),
  };
}

/** The decision window of `metric` at `now`. */
export async function measure(
  io: ZoneIo,
  metric: Metric,
  now: number,
  notBefore: number | null,
): Promise<WindowResult> {
  const cfg = await windowConfig(io, metric);
  const samples = await io.samples(SENSOR_ROLE[metric], windowStart(now, cfg));
  // Nothing recent: the last sample, if any, tells a stale probe from one that never spoke.
  const last = samples.length === 0 ? await io.last(SENSOR_ROLE[metric]) : null;
  if (last) samples.push(last);
  return evaluateWindow(samples, now, cfg, notBefore ?? -Infinity);
}

/** The event payload of a window that cannot be used. */
export function windowSkipPayload(
  metric: Metric,
  result: Extract<WindowResult, { ok: false }>,
): Record<string, unknown> {
  return {
    metric,
    reason: result.reason,
    samples: result.detail.samples ?? null,
    age_ms: result.detail.ageMs ?? null,
    slope: result.detail.slope ?? null,
    retry_at: new Date(result.retryAt).toISOString(),
  };
}
