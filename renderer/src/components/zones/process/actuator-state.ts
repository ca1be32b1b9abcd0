import type { BindingRole, BindingView } from '@contracts/bindings.js';
import type { CommandView } from '@contracts/devices.js';
import type { ZoneTopology } from '@contracts/zones.js';
import type { Tone } from '../../status-tones';

/**
 * What a valve or pump is doing, as far as the controller knows: nodes do not report relay
 * states on their own, so it is the state the newest switching command on the role's channel
 * left it in once the node confirmed it (a timed run is on between its ACK and its DONE).
 */
export type ActuatorState = 'on' | 'off' | 'pending' | 'failed' | 'unknown';

export interface Actuator {
  role: BindingRole;
  state: ActuatorState;
  command: CommandView | null;
}

export const ACTUATOR_TONES: Record<ActuatorState, Tone> = {
  on: 'success',
  off: 'neutral',
  pending: 'info',
  failed: 'error',
  unknown: 'neutral',
};

/** The flow actuators each layout draws, in the order the legend lists them. */
export const FLOW_ROLES: Record<ZoneTopology, readonly BindingRole[]> = {
  two_tank: [
    'valve_clean_fill',
    'valve_clean_supply',
    'valve_solution_supply',
    'pump_main',
    'valve_solution_fill',
    'valve_irrigation',
    'valve_drain',
  ],
  single_tank: ['valve_clean_fill', 'pump_main', 'valve_irrigation', 'valve_drain'],
};

export const DOSING_PUMPS: readonly BindingRole[] = [
  'pump_acid',
  'pump_base',
  'pump_a',
  'pump_b',
  'pump_c',
  'pump_d',
];

const SWITCHING = new Set(['set_relay', 'run_pump', 'dose']);
const IN_FLIGHT = new Set(['QUEUED', 'SENT', 'ACK']);
const SETTLED = new Set(['DONE', 'NO_EFFECT']);

/** A command that runs for a while and then stops by itself (pulse, timed run, dose). */
function timed(command: CommandView): boolean {
  return command.cmd !== 'set_relay' || command.params.duration_ms !== undefined;
}

function stateAfter(command: CommandView): ActuatorState {
  if (IN_FLIGHT.has(command.status))
    return command.status === 'ACK' && timed(command) ? 'on' : 'pending';
  if (!SETTLED.has(command.status)) return 'failed';
  if (timed(command)) return 'off';
  const wanted = command.params.state;
  return wanted === true || (typeof wanted === 'number' && wanted > 0) ? 'on' : 'off';
}

/** Each role's state from the zone's newest commands (newest first) and its bindings. */
export function actuatorStates(
  roles: readonly BindingRole[],
  bindings: readonly BindingView[],
  commands: readonly CommandView[],
): Map<BindingRole, Actuator> {
  const states = new Map<BindingRole, Actuator>();
  for (const role of roles) {
    const binding = bindings.find((b) => b.role === role);
    if (!binding) continue;
    const command =
      commands.find(
        (c) =>
          c.node_id === binding.node_id && c.channel === binding.channel && SWITCHING.has(c.cmd),
      ) ?? null;
    states.set(role, { role, state: command ? stateAfter(command) : 'unknown', command });
  }
  return states;
}
