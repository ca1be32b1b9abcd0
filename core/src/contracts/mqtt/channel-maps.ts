import type { NodeType } from './enums.js';
import type { KnownMetricType } from './metrics.js';
import type { ActuatorType, NodeChannel, RelayType } from './node-channel.js';
import { BUILTIN_COMMANDS, type CommandName } from './commands.js';

export interface FirmwareChannel {
  readonly name: string;
  readonly type: 'SENSOR' | 'ACTUATOR';
  readonly metric?: KnownMetricType;
  readonly unit?: string;
  readonly poll_interval_ms?: number;
  readonly actuator_type?: ActuatorType;
  readonly relay_type?: RelayType;
  readonly max_duration_ms?: number;
  readonly min_off_ms?: number;
  readonly ml_per_second?: number;
  /** Only present when the board has the hardware (INA209 current sensor). */
  readonly optional?: boolean;
}

/**
 * How the firmware treats `channels` of a pushed NodeConfig (§4.6): `locked` replaces them with
 * its own map, `adds_missing` keeps them and adds its sensors, `config` takes them as sent.
 */
export type ChannelPolicy = 'locked' | 'adds_missing' | 'config';

export interface FirmwareNodeProfile {
  /** ESP-IDF project of the reference firmware. */
  readonly project: string;
  readonly channelPolicy: ChannelPolicy;
  readonly channels: readonly FirmwareChannel[];
  readonly commands: readonly CommandName[];
}

const PUMP_MIN_OFF_MS = 5000;

const sensor = (
  name: string,
  metric: KnownMetricType,
  unit: string,
  pollMs?: number,
): FirmwareChannel => ({ name, type: 'SENSOR', metric, unit, poll_interval_ms: pollMs });
const actuator = (
  name: string,
  actuatorType: ActuatorType,
  limits: Partial<FirmwareChannel> = {},
): FirmwareChannel => ({ name, type: 'ACTUATOR', actuator_type: actuatorType, ...limits });
const dosingPump = (name: string, mlPerSecond: number) =>
  actuator(name, 'PERISTALTIC_PUMP', {
    max_duration_ms: 60_000,
    min_off_ms: PUMP_MIN_OFF_MS,
    ml_per_second: mlPerSecond,
  });
// The reference does not say which contact the IRR valves and relay_node relays use; NO is the
// backend's default for a missing relay_type.
const valve = (name: string) =>
  actuator(name, 'VALVE', {
    relay_type: 'NO',
    max_duration_ms: 30_000,
    min_off_ms: PUMP_MIN_OFF_MS,
  });
const pumpBusCurrent: FirmwareChannel = {
  ...sensor('pump_bus_current', 'PUMP_CURRENT', 'mA', 5000),
  optional: true,
};
// Units as the firmware reports them in config_report (`C`, not `°C`).
const solutionTemp = sensor('solution_temp_c', 'TEMPERATURE', 'C', 5000);
const system = actuator('system', 'SYSTEM');
const dosingCommands = [
  'run_pump',
  'dose',
  'calibrate',
  'test_sensor',
  'probe_sensor',
  'activate_sensor_mode',
  'deactivate_sensor_mode',
] as const satisfies readonly CommandName[];

/** Channel maps and command sets of the reference firmware per node type (§5.2). */
export const FIRMWARE_NODE_PROFILES = {
  ph: {
    project: 'ph_node',
    channelPolicy: 'locked',
    channels: [
      sensor('ph_sensor', 'PH', 'pH', 3000),
      solutionTemp,
      pumpBusCurrent,
      dosingPump('pump_acid', 1.5),
      dosingPump('pump_base', 1.5),
      system,
    ],
    commands: [...dosingCommands, 'calibrate_ph', ...BUILTIN_COMMANDS],
  },
  ec: {
    project: 'ec_node',
    channelPolicy: 'locked',
    channels: [
      sensor('ec_sensor', 'EC', 'mS/cm'),
      sensor('ec_tds_ppm', 'TDS', 'ppm'),
      solutionTemp,
      pumpBusCurrent,
      // NPK, calcium, magnesium, micro.
      dosingPump('pump_a', 3.0),
      dosingPump('pump_b', 3.0),
      dosingPump('pump_c', 3.0),
      dosingPump('pump_d', 3.0),
      system,
    ],
    commands: [...dosingCommands, 'calibrate_ec', ...BUILTIN_COMMANDS],
  },
  irrig: {
    project: 'storage_irrigation_node',
    channelPolicy: 'locked',
    channels: [
      sensor('level_clean_min', 'WATER_LEVEL_SWITCH', 'bool', 5000),
      sensor('level_clean_max', 'WATER_LEVEL_SWITCH', 'bool', 5000),
      sensor('level_solution_min', 'WATER_LEVEL_SWITCH', 'bool', 5000),
      sensor('level_solution_max', 'WATER_LEVEL_SWITCH', 'bool', 5000),
      actuator('pump_main', 'PUMP', { max_duration_ms: 3_600_000, min_off_ms: PUMP_MIN_OFF_MS }),
      valve('valve_clean_fill'),
      valve('valve_clean_supply'),
      valve('valve_solution_fill'),
      valve('valve_solution_supply'),
      valve('valve_irrigation'),
      actuator('storage_state', 'SYSTEM'),
    ],
    commands: [
      'set_relay',
      'run_pump',
      'state',
      'test_sensor',
      'probe_sensor',
      ...BUILTIN_COMMANDS,
    ],
  },
  climate: {
    project: 'climate_node',
    channelPolicy: 'adds_missing',
    channels: [
      sensor('temperature', 'TEMPERATURE', '°C', 5000),
      sensor('humidity', 'HUMIDITY', '%', 5000),
      sensor('co2', 'CO2', 'ppm', 10_000),
    ],
    commands: ['set_relay', 'set_pwm', 'test_sensor', ...BUILTIN_COMMANDS],
  },
  light: {
    project: 'light_node',
    // The reference does not say whether light_node locks its map.
    channelPolicy: 'config',
    channels: [sensor('light', 'LIGHT', 'lux')],
    commands: ['test_sensor', ...BUILTIN_COMMANDS],
  },
  relay: {
    project: 'relay_node',
    channelPolicy: 'locked',
    channels: ['fill_valve', 'water_control', 'drain_valve'].map((name) =>
      actuator(name, 'RELAY', { relay_type: 'NO' }),
    ),
    commands: ['set_relay', 'toggle', ...BUILTIN_COMMANDS],
  },
} as const satisfies Partial<Record<NodeType, FirmwareNodeProfile>>;

export type ProfiledNodeType = keyof typeof FIRMWARE_NODE_PROFILES;

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The NodeConfig channel entry a node running this map reports for `channel`. */
export function toNodeChannel(channel: FirmwareChannel): NodeChannel {
  const safeLimits = withoutUndefined({
    max_duration_ms: channel.max_duration_ms,
    min_off_ms: channel.min_off_ms,
  });
  return withoutUndefined({
    name: channel.name,
    channel: channel.name,
    type: channel.type,
    metric: channel.metric,
    unit: channel.unit,
    poll_interval_ms: channel.poll_interval_ms,
    actuator_type: channel.actuator_type,
    relay_type: channel.relay_type,
    safe_limits: Object.keys(safeLimits).length > 0 ? safeLimits : undefined,
    ml_per_second: channel.ml_per_second,
  });
}
