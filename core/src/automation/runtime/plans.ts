import type { BindingRole } from '../../contracts/bindings.js';
import type { ZoneTopology } from '../../contracts/zones.js';

/**
 * Command plans (reference-domain §1.3): a start plan opens valves first and starts the pump
 * last; a stop plan stops the pump first, then closes valves, so the pump never runs dry or
 * against closed valves. Steps name a role; the zone's bindings say which node channel it is.
 */
export interface CommandStep {
  readonly role: BindingRole;
  /** Another channel of the node behind `role` (the probes' `system` channel for sensor mode). */
  readonly channel?: string;
  readonly cmd: string;
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * A timed run: its ACK means the node has started it, and the plan moves on; the stage that
   * follows watches it to its DONE (or stops it first).
   */
  readonly startsOnAck?: true;
}

export const on = (role: BindingRole, extra: Record<string, unknown> = {}): CommandStep => ({
  role,
  cmd: 'set_relay',
  params: { state: true, ...extra },
});

/** `run_pump` for `durationMs`: the node stops the pump by itself when the time is up. */
export const timedRun = (role: BindingRole, durationMs: number): CommandStep => ({
  role,
  cmd: 'run_pump',
  params: { duration_ms: durationMs },
  startsOnAck: true,
});

export const off = (role: BindingRole): CommandStep => ({
  role,
  cmd: 'set_relay',
  params: { state: false },
});

/** The reverse order of a start plan's relays, each switched off. */
export function stopOf(start: readonly CommandStep[]): CommandStep[] {
  return start.map((step) => off(step.role)).reverse();
}

/** Every flow actuator of the topology, pump first: the fail-safe OFF batch (§5.7). */
export const FAIL_SAFE_ROLES: Record<ZoneTopology, readonly BindingRole[]> = {
  two_tank: [
    'pump_main',
    'valve_irrigation',
    'valve_solution_fill',
    'valve_solution_supply',
    'valve_clean_supply',
    'valve_clean_fill',
    'valve_drain',
  ],
  single_tank: ['pump_main', 'valve_irrigation', 'valve_clean_fill', 'valve_drain'],
};

/** The dosing pumps: started only by `dose`; their firmware has no command that stops them. */
export const DOSING_ROLES: readonly BindingRole[] = [
  'pump_acid',
  'pump_base',
  'pump_a',
  'pump_b',
  'pump_c',
  'pump_d',
];
