import type { BindingRole } from '../../../contracts/bindings.js';
import type { EffectiveTargets, ZoneTopology } from '../../../contracts/zones.js';
import { sensorModeSteps } from '../correction/probes.js';
import { on, stopOf, timedRun, type CommandStep } from '../plans.js';
import type { ZoneIo } from '../zone-io.js';

/**
 * The irrigation command plans (reference-domain §1.3, §5.3). Start plans open the valves first
 * and start the pump last with the reference's timed `run_pump`: the node answers ACK when the
 * pump starts and DONE when its time is up, and stops it by itself even if the controller is
 * gone. The plan moves on at the ACK, so `irrigation_check` (operator stop, manual hold, the
 * low-tank guard, inline pH correction) acts while the pump runs; it stops the pump first
 * (`set_relay` OFF) whenever the run must end early. Stop plans stop the pump first.
 */

/** The valves of an irrigation run's flow path, in opening order. */
const IRRIGATION_VALVES: Record<ZoneTopology, readonly BindingRole[]> = {
  two_tank: ['valve_solution_supply', 'valve_irrigation'],
  single_tank: ['valve_irrigation'],
};

/** The start plan: the valves, then the pump for `durationMs`. */
export function irrigationFlow(topology: ZoneTopology, durationMs: number): CommandStep[] {
  return [
    ...IRRIGATION_VALVES[topology].map((role) => on(role)),
    timedRun('pump_main', durationMs),
  ];
}

/** Every actuator of the flow path, in opening order. */
const flowRoles = (topology: ZoneTopology): BindingRole[] => [
  ...IRRIGATION_VALVES[topology],
  'pump_main',
];

/** Pump first, then the valves: what a hold, a stop or a low tank publishes. */
export const IRRIGATION_STOP: Record<ZoneTopology, readonly CommandStep[]> = {
  two_tank: stopOf(flowRoles('two_tank').map((role) => on(role))),
  single_tank: stopOf(flowRoles('single_tank').map((role) => on(role))),
};

/** Reference-domain §5.3: requested → targets `irrigation.duration_sec` → this. */
export const DEFAULT_IRRIGATION_SEC = 120;
export const MIN_IRRIGATION_SEC = 1;
export const MAX_IRRIGATION_SEC = 3_600;
/** The gateway's ceiling for one pump run (reference-domain §1.3): longer is a config error. */
export const MAX_PUMP_RUN_SEC = 300;

export type DurationPlan =
  | { ok: true; durationSec: number; source: 'requested' | 'targets' | 'default' }
  | { ok: false; durationSec: number };

/**
 * How long to irrigate: the request, else the targets, else 120 s; clamped to 1..3600 s. A
 * run longer than one pump run may last is refused before any valve opens.
 */
export function irrigationDuration(
  payload: Record<string, unknown>,
  targets: Pick<EffectiveTargets, 'irrigation'>,
): DurationPlan {
  // The API sends `requested_duration_sec`, the scheduler `duration_sec`.
  const requested = payload.requested_duration_sec ?? payload.duration_sec;
  const fromTargets = targets.irrigation.duration_sec;
  let raw = DEFAULT_IRRIGATION_SEC;
  let source: 'requested' | 'targets' | 'default' = 'default';
  if (typeof requested === 'number' && Number.isFinite(requested)) {
    raw = requested;
    source = 'requested';
  } else if (fromTargets !== null) {
    raw = fromTargets;
    source = 'targets';
  }
  const durationSec = Math.min(MAX_IRRIGATION_SEC, Math.max(MIN_IRRIGATION_SEC, Math.round(raw)));
  if (durationSec > MAX_PUMP_RUN_SEC) return { ok: false, durationSec };
  return { ok: true, durationSec, source };
}

/**
 * The flow stopped first, then the probes back to idle (the correction switched them on; a
 * node that never was active just confirms).
 */
export async function stopPlan(io: ZoneIo, topology: ZoneTopology): Promise<CommandStep[]> {
  return [...IRRIGATION_STOP[topology], ...(await sensorModeSteps(io, false))];
}

/** The actuator roles the run needs; the first one missing, or null. */
export async function missingActuator(
  io: ZoneIo,
  topology: ZoneTopology,
): Promise<BindingRole | null> {
  for (const role of flowRoles(topology)) if (!(await io.has(role))) return role;
  return null;
}
