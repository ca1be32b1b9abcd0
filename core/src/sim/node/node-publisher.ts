import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import {
  NODE_HELLO_TOPIC,
  TIME_REQUEST_TOPIC,
  channelTopic,
  nodeTopic,
  type Namespace,
} from '../../protocol/topics.js';
import type { NodeClock } from './node-clock.js';
import type { ChannelEntry, StoredConfig } from './node-config.js';
import type { SensorReading } from './sensor-bank.js';
import * as payloads from './uplink-payloads.js';

export interface PublisherDeps {
  readonly type: ProfiledNodeType;
  readonly hardwareId: string;
  readonly nodeClock: NodeClock;
  readonly vitals: payloads.Vitals;
  /** The current namespace: every uplink goes there, also answers to temp-topic commands. */
  namespace(): Namespace;
  /** Hands the message to MQTT when connected; the firmware drops what it cannot send. */
  send(topic: string, payload: string, retain: boolean): void;
}

/**
 * Every uplink the node publishes, with the time-sync gate of §10.1 in one place: anything that
 * carries a `ts` waits for the clock; heartbeat, hello, config_report and time requests do not.
 */
export class NodePublisher {
  constructor(private readonly deps: PublisherDeps) {}

  timeRequest(): void {
    this.raw(TIME_REQUEST_TOPIC, {
      message_type: 'time_request',
      uptime: this.deps.nodeClock.uptimeS(),
    });
  }

  hello(config: StoredConfig): void {
    this.raw(NODE_HELLO_TOPIC, payloads.helloPayload(this.deps.type, this.deps.hardwareId, config));
  }

  configReport(config: StoredConfig): void {
    this.raw(this.topic('config_report'), payloads.configReportPayload(this.deps.type, config));
  }

  heartbeat(): void {
    this.raw(
      this.topic('heartbeat'),
      payloads.heartbeatPayload(this.deps.nodeClock.uptimeS(), this.deps.vitals),
    );
  }

  status(safeModeReason: string | null): void {
    if (!this.deps.nodeClock.synced) return;
    const payload = payloads.statusPayload(
      this.deps.nodeClock.unixS(),
      this.deps.vitals,
      safeModeReason,
    );
    this.raw(this.topic('status'), payload, true);
  }

  telemetry(
    channel: ChannelEntry,
    metric: string,
    reading: SensorReading,
    flags: Record<string, boolean>,
  ): void {
    if (!this.deps.nodeClock.synced) return;
    const payload = payloads.telemetryPayload(
      channel,
      metric,
      reading,
      this.deps.nodeClock.unixS(),
      flags,
    );
    this.raw(channelTopic(this.deps.namespace(), channel.name, 'telemetry'), payload);
  }

  event(channel: string, event: Record<string, unknown>): void {
    if (!this.deps.nodeClock.synced) return;
    this.raw(channelTopic(this.deps.namespace(), channel, 'event'), {
      ...event,
      ts: this.deps.nodeClock.unixS(),
    });
  }

  diagnostics(payload: Record<string, unknown>): void {
    this.raw(this.topic('diagnostics'), payload);
  }

  commandResponse(channel: string, response: object): void {
    this.raw(channelTopic(this.deps.namespace(), channel, 'command_response'), response);
  }

  private topic(kind: 'config_report' | 'heartbeat' | 'status' | 'diagnostics'): string {
    return nodeTopic(this.deps.namespace(), kind);
  }

  private raw(topic: string, payload: unknown, retain = false): void {
    this.deps.send(topic, JSON.stringify(payload), retain);
  }
}
