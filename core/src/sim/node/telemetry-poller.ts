import type { NodeDevice } from '../devices/device.js';
import type { ChannelEntry } from './node-config.js';
import type { NodePublisher } from './node-publisher.js';
import type { SensorBank } from './sensor-bank.js';
import type { TelemetrySchedule } from './session.js';

/** Firmware default when a sensor channel has no `poll_interval_ms`. */
const DEFAULT_POLL_MS = 5000;
/** Floor for sped-up polls, so a large speed factor cannot flood the broker. */
const MIN_POLL_MS = 20;

export interface PollerDeps {
  readonly device: NodeDevice;
  readonly sensors: SensorBank;
  readonly publisher: NodePublisher;
  readonly speed: number;
  channels(): readonly ChannelEntry[];
}

/** Which sensor channels are polled how often, and one poll: physics → probe → telemetry. */
export class TelemetryPoller {
  constructor(private readonly deps: PollerDeps) {}

  /** Sensor channels of the config that this hardware can actually measure. */
  schedule(): TelemetrySchedule[] {
    return this.deps
      .channels()
      .filter((ch) => ch.type === 'SENSOR' && this.deps.device.sense(ch.name) !== undefined)
      .map((ch) => ({
        channel: ch.name,
        intervalMs: Math.max(
          MIN_POLL_MS,
          (ch.poll_interval_ms ?? DEFAULT_POLL_MS) / this.deps.speed,
        ),
      }));
  }

  poll(name: string): void {
    const channel = this.deps.channels().find((ch) => ch.name === name);
    const truth = this.deps.device.sense(name);
    if (!channel || truth === undefined) return;
    const metric = channel.metric ?? name.toUpperCase();
    const reading = this.deps.sensors.read(name, metric, truth);
    if (reading) {
      this.deps.publisher.telemetry(
        channel,
        metric,
        reading,
        this.deps.device.telemetryFlags(name),
      );
    }
  }
}
