import { expect, onTestFinished } from 'vitest';
import type { z } from 'zod';
import type { ProfiledNodeType } from '../../../../src/contracts/mqtt/channel-maps.js';
import { CommandResponseSchema } from '../../../../src/contracts/mqtt/command.js';
import { ConfigReportSchema } from '../../../../src/contracts/mqtt/config-report.js';
import {
  LevelSwitchEventSchema,
  LinkLossFailsafeEventSchema,
  StorageStateEventSchema,
} from '../../../../src/contracts/mqtt/event.js';
import { HeartbeatSchema } from '../../../../src/contracts/mqtt/heartbeat.js';
import { DiagnosticsSchema } from '../../../../src/contracts/mqtt/node-error.js';
import { NodeHelloSchema } from '../../../../src/contracts/mqtt/node-hello.js';
import { NodeStatusSchema } from '../../../../src/contracts/mqtt/status.js';
import { TelemetrySchema } from '../../../../src/contracts/mqtt/telemetry.js';
import { TimeRequestSchema } from '../../../../src/contracts/mqtt/time-sync.js';
import {
  NODE_HELLO_TOPIC,
  TIME_REQUEST_TOPIC,
  parseTopic,
} from '../../../../src/protocol/topics.js';
import { buildSignedCommand } from '../../../../src/protocol/hmac.js';
import { silentLogger } from '../../../../src/runtime/logger.js';
import type { FaultPatch } from '../../../../src/sim/node/faults.js';
import type { StoredConfig } from '../../../../src/sim/node/node-config.js';
import { NodeRuntime, type NodeUplink } from '../../../../src/sim/node/node-runtime.js';
import type { NodeTiming } from '../../../../src/sim/node/session.js';
import { SimWorld, type WorldInitial } from '../../../../src/sim/physics/world.js';
import { SeededRandom } from '../../../../src/sim/random.js';
import { FakeClock } from '../../../fakes/fake-clock.js';

export const SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
export const HARDWARE_ID = 'esp32-0a1b2c3d4e5f';
export const BOUND = { gh: 'gh-1', zone: 'zn-1', node: 'nd-x-1' };

export interface Published {
  readonly topic: string;
  readonly payload: Record<string, unknown>;
  readonly retain: boolean;
}

/** The contract schema every uplink of a kind must satisfy; events by their code. */
function schemaFor(topic: string, payload: Record<string, unknown>): z.ZodType {
  if (topic === TIME_REQUEST_TOPIC) return TimeRequestSchema;
  if (topic === NODE_HELLO_TOPIC) return NodeHelloSchema;
  const parsed = parseTopic(topic);
  if (!parsed || parsed.scope === 'global') throw new Error(`not a node topic: ${topic}`);
  switch (parsed.kind) {
    case 'telemetry':
      return TelemetrySchema;
    case 'command_response':
      return CommandResponseSchema;
    case 'event':
      if (payload.event_code === 'level_switch_changed') return LevelSwitchEventSchema;
      if (payload.event_code === 'link_loss_failsafe') return LinkLossFailsafeEventSchema;
      return StorageStateEventSchema;
    case 'heartbeat':
      return HeartbeatSchema;
    case 'status':
      return NodeStatusSchema;
    case 'config_report':
      return ConfigReportSchema;
    case 'diagnostics':
      return DiagnosticsSchema;
    case 'command':
    case 'config':
    case 'error':
    case 'lwt':
    case 'node_hello':
      throw new Error(`the simulator never publishes ${parsed.kind}`);
  }
}

/**
 * Records uplinks and checks each against the MQTT contracts. Violations are collected rather
 * than thrown (a throw inside a command handler would only become `handler_error`) and fail the
 * test when it finishes.
 */
export class RecordingUplink implements NodeUplink {
  readonly published: Published[] = [];
  readonly reconnects: { mode: 'graceful' | 'drop'; afterMs: number }[] = [];
  readonly violations: string[] = [];

  publish(topic: string, payload: string, retain: boolean): void {
    const json = JSON.parse(payload) as Record<string, unknown>;
    const checked = schemaFor(topic, json).safeParse(json);
    if (!checked.success) this.violations.push(`${topic}: ${checked.error.message}`);
    this.published.push({ topic, payload: json, retain });
  }

  reconnect(mode: 'graceful' | 'drop', afterMs: number): void {
    this.reconnects.push({ mode, afterMs });
  }
}

export interface HarnessOptions {
  readonly type: ProfiledNodeType;
  readonly config?: StoredConfig;
  readonly faults?: FaultPatch;
  readonly initial?: Partial<WorldInitial>;
  readonly timing?: Partial<NodeTiming>;
  /** Share the physical greenhouse (and its clock) of another harness. */
  readonly sharedWith?: NodeHarness;
}

/** A bound NodeConfig for `type` carrying the test secret. */
export function boundConfig(
  type: ProfiledNodeType,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    node_id: BOUND.node,
    version: 3,
    type,
    gh_uid: BOUND.gh,
    zone_uid: BOUND.zone,
    channels: [],
    mqtt: { configured: true },
    wifi: { configured: true },
    node_secret: SECRET,
    ...extra,
  };
}

export function encode(value: unknown): Uint8Array {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * One node runtime on a fake clock with a recording uplink: no broker, no network. Helpers play
 * the backend's part (time response, config push, signed commands).
 */
export class NodeHarness {
  readonly clock: FakeClock;
  readonly world: SimWorld;
  readonly runtime: NodeRuntime;
  readonly uplink = new RecordingUplink();
  private seq = 0;

  constructor(readonly options: HarnessOptions) {
    this.clock = options.sharedWith?.clock ?? new FakeClock(Date.UTC(2026, 2, 1, 12, 0, 0));
    this.world =
      options.sharedWith?.world ??
      new SimWorld({ clock: this.clock, ...(options.initial ? { initial: options.initial } : {}) });
    this.runtime = new NodeRuntime({
      type: options.type,
      hardwareId: HARDWARE_ID,
      brokerUrl: 'mqtt://127.0.0.1:1883',
      clock: this.clock,
      logger: silentLogger(),
      world: this.world,
      rng: new SeededRandom(7),
      ...(options.config ? { config: options.config } : {}),
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.timing ? { timing: options.timing } : {}),
    });
    this.runtime.attach(this.uplink);
    this.runtime.powerOn();
    onTestFinished(() => expect(this.uplink.violations).toEqual([]));
  }

  /** Powered, connected, clock synced, bound with the test secret, outbox cleared. */
  static ready(options: HarnessOptions & { extraConfig?: Record<string, unknown> }): NodeHarness {
    const h = new NodeHarness(options);
    h.runtime.onConnected();
    h.sync();
    h.pushConfig(boundConfig(options.type, options.extraConfig));
    h.reconnect();
    h.clear();
    return h;
  }

  unixS(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  sync(unixTs = this.unixS()): void {
    this.runtime.handleMessage(
      'hydro/time/response',
      encode({ message_type: 'time_response', unix_ts: unixTs, server_time: unixTs }),
    );
  }

  pushConfig(config: unknown, topic = `hydro/gh-temp/zn-temp/${HARDWARE_ID}/config`): void {
    this.runtime.handleMessage(topic, encode(config));
  }

  /** What the MQTT link does after a config apply asked for a restart. */
  reconnect(): void {
    this.runtime.onDisconnected();
    this.runtime.onConnected();
  }

  commandTopic(channel: string): string {
    const ns = this.runtime.state().namespace;
    return `hydro/${ns.gh}/${ns.zone}/${ns.node}/${channel}/command`;
  }

  /** Send a correctly signed command; returns its cmd_id. */
  command(
    channel: string,
    cmd: string,
    params: Record<string, unknown> = {},
    cmdId?: string,
  ): string {
    const id = cmdId ?? `cmd-${++this.seq}`;
    const signed = buildSignedCommand(SECRET, { cmd, cmd_id: id, params, ts: this.unixS() });
    this.raw(channel, signed);
    return id;
  }

  raw(channel: string, payload: unknown): void {
    this.runtime.handleMessage(this.commandTopic(channel), encode(payload));
  }

  responses(cmdId?: string): Record<string, unknown>[] {
    return this.uplink.published
      .filter((p) => p.topic.endsWith('/command_response'))
      .map((p) => p.payload)
      .filter((p) => cmdId === undefined || p.cmd_id === cmdId);
  }

  statuses(cmdId: string): unknown[] {
    return this.responses(cmdId).map((r) => r.status);
  }

  last(cmdId: string): Record<string, unknown> {
    const all = this.responses(cmdId);
    const last = all[all.length - 1];
    if (!last) throw new Error(`no response for ${cmdId}`);
    return last;
  }

  on(suffix: string): Published[] {
    return this.uplink.published.filter((p) => p.topic.endsWith(suffix));
  }

  events(code?: string): Record<string, unknown>[] {
    return this.on('/event')
      .map((p) => p.payload)
      .filter((e) => code === undefined || e.event_code === code);
  }

  clear(): void {
    this.uplink.published.length = 0;
    this.uplink.reconnects.length = 0;
  }
}
