import type { ProfiledNodeType } from '../contracts/mqtt/channel-maps.js';
import { HARDWARE_ID_PATTERN } from '../contracts/mqtt/identifiers.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { HydroError } from '../runtime/errors.js';
import { silentLogger, type Logger } from '../runtime/logger.js';
import { IrrigDevice } from './devices/irrig-device.js';
import { MqttNodeLink } from './node/mqtt-link.js';
import { NodeRuntime, type NodeRuntimeState } from './node/node-runtime.js';
import type { StoredConfig } from './node/node-config.js';
import type { FaultPatch, NodeFaults } from './node/faults.js';
import type { NodeTiming } from './node/session.js';
import { SimWorld, type WorldInitial, type WorldSnapshot } from './physics/world.js';
import { SeededRandom } from './random.js';

export interface SimulatedNodeOptions {
  readonly type: ProfiledNodeType;
  /** `esp32-<12 hex>`; or give `mac`; default: derived from the seed and type. */
  readonly hardwareId?: string;
  /** Factory MAC, `78:e3:6d:dd:e4:68` or `78e36ddde468`. */
  readonly mac?: string;
  readonly brokerUrl: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly seed?: number;
  /** Physics and telemetry polls run this many times faster than real time. */
  readonly speed?: number;
  /** A greenhouse shared with other nodes; default: a world of its own. */
  readonly world?: SimWorld;
  /** Starting physical state of its own world (ignored with `world`). */
  readonly initial?: Partial<WorldInitial>;
  readonly faults?: FaultPatch;
  readonly timing?: Partial<NodeTiming>;
  /** Stored NodeConfig at power-on; default: freshly provisioned (temp namespace). */
  readonly config?: StoredConfig;
  readonly username?: string;
  readonly password?: string;
}

export interface SimulatedNodeState extends NodeRuntimeState {
  readonly offline: boolean;
  readonly world: WorldSnapshot;
}

/** One simulated ESP32 node on MQTT with runtime controls for tests and the demo. */
export interface SimulatedNode {
  readonly type: ProfiledNodeType;
  readonly hardwareId: string;
  readonly world: SimWorld;
  /** Power on and connect; resolves once connected (or stopped). Idempotent while running. */
  start(): Promise<void>;
  /** Disconnect cleanly (DISCONNECT, no LWT) and power off. */
  stop(): Promise<void>;
  state(): SimulatedNodeState;
  /** Messages sent that the broker has not acknowledged yet (QoS 1). */
  unackedPublishes(): number;
  setFaults(patch: FaultPatch): void;
  clearFaults(): void;
  faults(): NodeFaults;
  /** The socket dies without DISCONNECT: the broker publishes the retained LWT `offline`. */
  goOffline(): void;
  goOnline(): void;
  enterSafeMode(reason: string): void;
  /** The irrigation node's E-stop button (other types have none). */
  setEstop(pressed: boolean): void;
}

export function hardwareIdFromMac(mac: string): string {
  const id = `esp32-${mac.replace(/[:-]/g, '').toLowerCase()}`;
  if (!HARDWARE_ID_PATTERN.test(id))
    throw new HydroError('invalid_mac', `"${mac}" is not a 6-byte MAC`);
  return id;
}

/** A stable made-up MAC per seed and label (type, group, index). */
export function derivedHardwareId(seed: number, label: string): string {
  const rng = new SeededRandom(seed).fork(`mac:${label}`);
  const bytes = Array.from({ length: 6 }, () => rng.int(0, 255).toString(16).padStart(2, '0'));
  return `esp32-${bytes.join('')}`;
}

export function createSimulatedNode(options: SimulatedNodeOptions): SimulatedNode {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const seed = options.seed ?? 1;
  const hardwareId =
    options.hardwareId ??
    (options.mac === undefined
      ? derivedHardwareId(seed, options.type)
      : hardwareIdFromMac(options.mac));
  if (!HARDWARE_ID_PATTERN.test(hardwareId)) {
    throw new HydroError('invalid_hardware_id', `"${hardwareId}" is not esp32-<12 hex digits>`);
  }
  const world =
    options.world ??
    new SimWorld({
      clock,
      ...(options.speed === undefined ? {} : { speed: options.speed }),
      ...(options.initial ? { initial: options.initial } : {}),
    });
  const runtime = new NodeRuntime({
    ...options,
    hardwareId,
    clock,
    logger: logger.child({ node: hardwareId }),
    world,
    rng: new SeededRandom(seed).fork(`node:${hardwareId}`),
  });
  const link = new MqttNodeLink(runtime, {
    clock,
    logger,
    reconnectMs: runtime.timing.reconnectMs,
  });
  runtime.attach(link);
  let offline = false;
  let started: Promise<void> | undefined;
  return {
    type: options.type,
    hardwareId,
    world,
    start: () => {
      if (!started) {
        runtime.powerOn();
        started = link.start();
      }
      return started;
    },
    stop: async () => {
      if (!started) return;
      started = undefined;
      await link.stop();
      runtime.powerOff();
    },
    state: () => ({ ...runtime.state(), offline, world: world.snapshot() }),
    unackedPublishes: () => link.unacked,
    setFaults: (patch) => runtime.setFaults(patch),
    clearFaults: () => runtime.resetFaults(),
    faults: () => runtime.faults(),
    goOffline: () => {
      offline = true;
      link.goOffline();
    },
    goOnline: () => {
      offline = false;
      link.goOnline();
    },
    enterSafeMode: (reason) => runtime.enterSafeMode(reason),
    setEstop: (pressed) => {
      if (!(runtime.device instanceof IrrigDevice)) {
        throw new HydroError('no_estop', `a ${options.type} node has no E-stop input`);
      }
      runtime.device.setEstop(pressed);
    },
  };
}
