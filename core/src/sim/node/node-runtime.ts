import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import type { TimerHandle } from '../../runtime/clock.js';
import { decodeJsonObject } from '../../protocol/payload.js';
import { TIME_RESPONSE_TOPIC, parseTopic } from '../../protocol/topics.js';
import { createDevice } from '../devices/create-device.js';
import type { NodeDevice } from '../devices/device.js';
import {
  builtinCommands,
  probeSensor,
  registeredCommands,
  type BuiltinHost,
} from './builtin-commands.js';
import { CommandProcessor, type CommandHandler } from './command-processor.js';
import { connectOptions, type ConnectOptions } from './connection.js';
import { NO_FAULTS, type FaultPatch, type NodeFaults } from './faults.js';
import { LinkLossFailsafe } from './link-loss.js';
import { NodeClock } from './node-clock.js';
import * as cfg from './node-config.js';
import { NodePublisher } from './node-publisher.js';
import type { NodeRuntimeOptions, NodeRuntimeState, NodeUplink } from './runtime-types.js';
import { ConfigStore } from './config-store.js';
import { SensorBank } from './sensor-bank.js';
import { TelemetryPoller } from './telemetry-poller.js';
import {
  FIRMWARE_TIMING,
  Session,
  type NodeTiming,
  type SessionHost,
  type TelemetrySchedule,
} from './session.js';
import { Vitals, ipFor } from './uplink-payloads.js';

export type { NodeRuntimeOptions, NodeRuntimeState, NodeUplink } from './runtime-types.js';

const PERIODIC_STATUS: ReadonlySet<ProfiledNodeType> = new Set(['ph', 'ec', 'irrig', 'relay']);

/**
 * The node side of the hydro 2.0 protocol for one board, independent of the transport: session
 * lifecycle, time-sync gate, config handling, the command pipeline, telemetry and fail-safes.
 * Feed it connection events and inbound messages; it publishes through its uplink.
 */
export class NodeRuntime implements SessionHost {
  readonly nodeClock: NodeClock;
  readonly device: NodeDevice;
  readonly processor: CommandProcessor;
  readonly timing: NodeTiming;
  private readonly store: ConfigStore;
  private faultState: NodeFaults;
  private uplink: NodeUplink | undefined;
  private connected = false;
  private session: Session | undefined;
  private safeModeReason: string | null = null;
  private restartTimer: TimerHandle | undefined;
  private readonly linkLoss: LinkLossFailsafe;
  private readonly sensors: SensorBank;
  private readonly poller: TelemetryPoller;
  private readonly publisher: NodePublisher;
  private readonly handlers: ReadonlyMap<string, CommandHandler>;

  constructor(private readonly o: NodeRuntimeOptions) {
    this.store = new ConfigStore(
      o.type,
      o.hardwareId,
      o.config ?? { brokerUrl: o.brokerUrl, username: o.username, password: o.password },
    );
    this.timing = { ...FIRMWARE_TIMING, ...o.timing };
    this.faultState = { ...NO_FAULTS, ...o.faults };
    this.nodeClock = new NodeClock(o.clock);
    this.sensors = new SensorBank(o.clock, o.rng.fork('sensors'), () => this.faultState);
    this.publisher = new NodePublisher({
      type: o.type,
      hardwareId: o.hardwareId,
      nodeClock: this.nodeClock,
      vitals: new Vitals(o.rng.fork('vitals'), ipFor(o.hardwareId)),
      namespace: () => this.store.namespace(),
      send: (topic, payload, retain) => {
        if (this.connected) this.uplink?.publish(topic, payload, retain);
      },
    });
    this.device = createDevice(o.type, {
      nodeType: o.type,
      hardwareId: o.hardwareId,
      clock: o.clock,
      nodeClock: this.nodeClock,
      world: o.world,
      rng: o.rng.fork('device'),
      logger: o.logger,
      config: () => this.store.config,
      channel: (name) => this.store.channel(name),
      faults: () => this.faultState,
      publishEvent: (channel, event) => this.publisher.event(channel, event),
      saveCalibration: (sensor, values) => this.saveCalibration(sensor, values),
    });
    this.poller = new TelemetryPoller({
      device: this.device,
      sensors: this.sensors,
      publisher: this.publisher,
      speed: o.speed ?? 1,
      channels: () => this.store.config.channels,
    });
    this.linkLoss = new LinkLossFailsafe(o.clock, () => this.device.stopAll('link_loss_failsafe'));
    this.processor = new CommandProcessor({
      clock: o.clock,
      logger: o.logger,
      rng: o.rng.fork('responses'),
      gate: () => ({
        secret: this.store.config.node_secret,
        synced: this.nodeClock.synced,
        nodeNowMs: this.nodeClock.nowMs(),
      }),
      safeMode: () => this.safeModeReason !== null,
      handler: (cmd) => this.handlers.get(cmd),
      faults: () => this.faultState,
      nodeNowMs: () => this.nodeClock.nowMs(),
      publish: (channel, response) => this.publisher.commandResponse(channel, response),
    });
    this.handlers = registeredCommands(o.type, {
      ...builtinCommands(this.builtinHost()),
      ...this.device.commands,
    });
  }

  attach(uplink: NodeUplink): void {
    this.uplink = uplink;
  }

  connectOptions(): ConnectOptions {
    return connectOptions(this.store.config, this.o.hardwareId, this.o.brokerUrl);
  }

  powerOn(): void {
    this.device.powerOn();
  }

  /** RAM is gone: clock unsynced, dedupe cache empty, outputs off, SAFE_MODE left. */
  powerOff(): void {
    this.session?.stop();
    this.session = undefined;
    this.linkLoss.reset();
    this.restartTimer?.cancel();
    this.restartTimer = undefined;
    this.processor.dropDelayed();
    this.safeModeReason = null;
    this.device.powerOff();
    this.processor.dedupe.clear();
    this.sensors.reset();
    this.nodeClock.reboot();
  }

  onConnected(): void {
    this.connected = true;
    this.linkLoss.disarm();
    this.session = new Session(this.o.clock, this.timing, this, PERIODIC_STATUS.has(this.o.type));
    this.session.start();
  }

  onDisconnected(): void {
    if (!this.connected) return;
    this.connected = false;
    this.session?.stop();
    this.session = undefined;
    this.linkLoss.arm(cfg.linkLossTimeoutSec(this.store.config));
  }

  handleMessage(topic: string, payload: Uint8Array): void {
    if (topic === TIME_RESPONSE_TOPIC) return this.onTimeResponse(payload);
    const parsed = parseTopic(topic);
    if (!parsed || parsed.scope === 'global') return;
    const current = this.store.namespace();
    const ours =
      (parsed.gh === current.gh && parsed.zone === current.zone && parsed.node === current.node) ||
      (parsed.temp && parsed.node === this.o.hardwareId);
    if (!ours) return;
    if (parsed.scope === 'node' && parsed.kind === 'config') this.onConfig(payload);
    else if (parsed.scope === 'channel' && parsed.kind === 'command') {
      this.processor.handle(parsed.channel, payload);
    }
  }

  faults(): NodeFaults {
    return this.faultState;
  }

  setFaults(patch: FaultPatch): void {
    this.faultState = { ...this.faultState, ...patch };
  }

  resetFaults(): void {
    this.faultState = NO_FAULTS;
  }

  /** What the firmware does on a CRITICAL error: outputs off, only `exit_safe_mode` accepted. */
  enterSafeMode(reason: string): void {
    this.safeModeReason = reason;
    this.device.stopAll('safe_mode');
    this.publishStatus();
  }

  state(): NodeRuntimeState {
    return {
      type: this.o.type,
      hardwareId: this.o.hardwareId,
      namespace: this.store.namespace(),
      bound: !cfg.hasTemporaryIds(this.store.config),
      connected: this.connected,
      synced: this.nodeClock.synced,
      safeMode: this.safeModeReason,
      actuators: this.device.actuators(),
      device: this.device.details(),
      config: this.store.config,
      commands: { ...this.processor.stats },
      faults: this.faultState,
    };
  }

  isSynced(): boolean {
    return this.nodeClock.synced;
  }

  publishTimeRequest(): void {
    this.publisher.timeRequest();
  }

  announce(): void {
    // The irrigation firmware greets on every connect, the others only while unbound (§4.5).
    if (this.o.type === 'irrig' || cfg.hasTemporaryIds(this.store.config)) {
      this.publisher.hello(this.store.config);
    }
    this.publisher.configReport(this.store.config);
  }

  publishHeartbeat(): void {
    this.publisher.heartbeat();
  }

  publishStatus(): void {
    this.publisher.status(this.safeModeReason);
  }

  telemetrySchedule(): TelemetrySchedule[] {
    return this.poller.schedule();
  }

  publishTelemetry(name: string): void {
    this.poller.poll(name);
  }

  onSessionSynced(): void {
    this.device.onSessionSynced();
    const linkLossEvent = this.linkLoss.takeEvent();
    if (linkLossEvent) this.publisher.event('system', linkLossEvent);
  }

  private onTimeResponse(payload: Uint8Array): void {
    const decoded = decodeJsonObject(payload);
    const unixTs = decoded.ok ? decoded.value.unix_ts : undefined;
    if (typeof unixTs === 'number' && this.nodeClock.adopt(unixTs)) this.session?.clockSynced();
  }

  private onConfig(payload: Uint8Array): void {
    const decision = this.store.receive(payload);
    switch (decision.kind) {
      case 'rejected':
        // The firmware only logs; no MQTT reply, the old config stays (§4.6 step 1).
        this.o.logger.warn(
          { node: this.o.hardwareId, reason: decision.reason },
          'NodeConfig rejected',
        );
        return;
      case 'report_only':
        this.publisher.configReport(this.store.config);
        return;
      case 'apply':
        // Like esp-mqtt after a namespace or broker change: restart MQTT; the report follows on connect.
        if (decision.reconnect) return this.uplink?.reconnect('graceful', 0);
        this.session?.rescheduleTelemetry();
        this.publisher.configReport(this.store.config);
    }
  }

  private saveCalibration(sensor: string, values: Record<string, unknown>): void {
    this.store.saveCalibration(sensor, values);
    this.publisher.configReport(this.store.config);
  }

  private reboot(): void {
    this.restartTimer = undefined;
    this.connected = false;
    this.uplink?.reconnect('drop', this.timing.bootMs);
    this.powerOff();
    this.powerOn();
  }

  private builtinHost(): BuiltinHost {
    return {
      scheduleRestart: () => {
        this.restartTimer ??= this.o.clock.setTimeout(
          () => this.reboot(),
          this.timing.restartDelayMs,
        );
      },
      setTime: (unixS) => {
        if (!this.nodeClock.adopt(unixS)) return false;
        this.session?.clockSynced();
        return true;
      },
      publishConfigReport: () => this.publisher.configReport(this.store.config),
      publishDiagnostics: () => {
        const diagnostics = { uptime: this.nodeClock.uptimeS(), ...this.device.details() };
        this.publisher.diagnostics(diagnostics);
        return diagnostics;
      },
      exitSafeMode: () => {
        const was = this.safeModeReason !== null;
        this.safeModeReason = null;
        if (was) this.publishStatus();
        return was;
      },
      probe: (channel) =>
        probeSensor(this.store.channel(channel), this.device.sense(channel), this.sensors),
    };
  }
}
