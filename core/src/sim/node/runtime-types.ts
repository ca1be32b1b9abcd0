import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { Namespace } from '../../protocol/topics.js';
import type { SimWorld } from '../physics/world.js';
import type { SeededRandom } from '../random.js';
import type { CommandStats } from './command-processor.js';
import type { FaultPatch, NodeFaults } from './faults.js';
import type { StoredConfig } from './node-config.js';
import type { NodeTiming } from './session.js';

/** How the runtime reaches MQTT; the simulator's link implements it with mqtt.js. */
export interface NodeUplink {
  publish(topic: string, payload: string, retain: boolean): void;
  /**
   * Reconnect with fresh `connectOptions()` after `afterMs`: `graceful` sends DISCONNECT (config
   * restart), `drop` just loses the socket so the broker publishes the Will (reboot).
   */
  reconnect(mode: 'graceful' | 'drop', afterMs: number): void;
}

export interface NodeRuntimeOptions {
  readonly type: ProfiledNodeType;
  readonly hardwareId: string;
  /** Broker the node was provisioned with; NodeConfig `mqtt.host/port` may move it. */
  readonly brokerUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly world: SimWorld;
  readonly rng: SeededRandom;
  /** Telemetry polls run this many times faster than the firmware's intervals. */
  readonly speed?: number;
  readonly timing?: Partial<NodeTiming>;
  readonly faults?: FaultPatch;
  /** Stored NodeConfig at power-on; default: freshly provisioned in the temp namespace. */
  readonly config?: StoredConfig;
  /** Broker credentials entered at provisioning (used until a NodeConfig brings others). */
  readonly username?: string;
  readonly password?: string;
}

export interface NodeRuntimeState {
  readonly type: ProfiledNodeType;
  readonly hardwareId: string;
  readonly namespace: Namespace;
  readonly bound: boolean;
  readonly connected: boolean;
  readonly synced: boolean;
  readonly safeMode: string | null;
  readonly actuators: Record<string, boolean | number>;
  readonly device: Record<string, unknown>;
  readonly config: StoredConfig;
  readonly commands: CommandStats;
  readonly faults: NodeFaults;
}
