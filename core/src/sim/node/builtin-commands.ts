import {
  FIRMWARE_NODE_PROFILES,
  type ProfiledNodeType,
} from '../../contracts/mqtt/channel-maps.js';
import { METRIC_CATALOGUE, isKnownMetricType } from '../../contracts/mqtt/metrics.js';
import type { CommandHandler } from './command-processor.js';
import type { ChannelEntry } from './node-config.js';
import { done, failure, type ResponseBody } from './responses.js';
import type { SensorBank } from './sensor-bank.js';

export interface BuiltinHost {
  /** Reboot after the DONE has gone out. */
  scheduleRestart(): void;
  /** `set_time`; false when the value is not a usable clock. */
  setTime(unixS: number): boolean;
  publishConfigReport(): void;
  /** Publishes `.../diagnostics` and returns what it sent. */
  publishDiagnostics(): Record<string, unknown>;
  /** Returns whether the node was in SAFE_MODE. */
  exitSafeMode(): boolean;
  probe(channel: string): ResponseBody;
}

/** Commands every node registers (§5.2), plus the sensor probe every node with sensors has. */
export function builtinCommands(host: BuiltinHost): Record<string, CommandHandler> {
  const restart: CommandHandler = (_req, reply) => {
    reply.send(done({ note: 'restarting' }));
    host.scheduleRestart();
  };
  const reportConfig: CommandHandler = (_req, reply) => {
    host.publishConfigReport();
    reply.send(done({ note: 'config_report_published' }));
  };
  const probe: CommandHandler = (req, reply) => reply.send(host.probe(req.channel));
  return {
    restart,
    reboot: restart,
    set_time: (req, reply) => {
      const unixTs = req.params.unix_ts;
      if (typeof unixTs !== 'number' || !Number.isInteger(unixTs) || !host.setTime(unixTs)) {
        return reply.send(failure('invalid_params', 'unix_ts must be an integer >= 1e9'));
      }
      reply.send(done({ unix_ts: unixTs }));
    },
    report_config: reportConfig,
    config_report: reportConfig,
    get_config: reportConfig,
    sync_config: reportConfig,
    exit_safe_mode: (_req, reply) => {
      reply.send(
        host.exitSafeMode()
          ? done({ note: 'safe_mode_exited' })
          : done({ note: 'not_in_safe_mode' }),
      );
    },
    get_diagnostics: (_req, reply) => reply.send(done(host.publishDiagnostics())),
    test_sensor: probe,
    probe_sensor: probe,
  };
}

/**
 * The handlers a board of this type registers: the firmware's command list, each backed by the
 * builtin or device implementation. Anything else is `unknown_command`, even if another node
 * type knows it.
 */
export function registeredCommands(
  type: ProfiledNodeType,
  available: Record<string, CommandHandler>,
): ReadonlyMap<string, CommandHandler> {
  return new Map(
    FIRMWARE_NODE_PROFILES[type].commands.flatMap((cmd) => {
      const handler = available[cmd];
      return handler ? [[cmd, handler] as const] : [];
    }),
  );
}

/** One-shot read for `test_sensor` / `probe_sensor` (§6). */
export function probeSensor(
  channel: ChannelEntry | undefined,
  truth: number | undefined,
  sensors: SensorBank,
): ResponseBody {
  if (channel?.type !== 'SENSOR') return failure('invalid_channel', 'Not a sensor channel');
  if (truth === undefined) return failure('sensor_unavailable', 'No such sensor on this board');
  const metric = channel.metric ?? channel.name.toUpperCase();
  const reading = sensors.read(channel.name, metric, truth);
  if (!reading) return failure('read_failed', 'Sensor read failed');
  if (reading.stub) return failure('sensor_stub', 'Sensor returns a stub value');
  const range = isKnownMetricType(metric)
    ? (METRIC_CATALOGUE[metric] as { range?: readonly [number, number] }).range
    : undefined;
  if (range && (reading.value < range[0] || reading.value > range[1])) {
    return failure('out_of_range', `Reading ${reading.value} outside ${range[0]}..${range[1]}`);
  }
  const details: Record<string, unknown> = {
    value: reading.value,
    unit: unitOf(channel),
    metric_type: metric,
  };
  if (reading.raw !== undefined) details.raw_value = reading.raw;
  if (!reading.stable) details.stable = false;
  return done(details);
}

export function unitOf(channel: ChannelEntry): string | undefined {
  if (channel.unit !== undefined) return channel.unit;
  const metric = channel.metric;
  return metric !== undefined && isKnownMetricType(metric)
    ? METRIC_CATALOGUE[metric].unit
    : undefined;
}
