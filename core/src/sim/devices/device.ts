import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { SimWorld } from '../physics/world.js';
import type { SeededRandom } from '../random.js';
import type { CommandHandler } from '../node/command-processor.js';
import type { NodeClock } from '../node/node-clock.js';
import type { ChannelEntry, StoredConfig } from '../node/node-config.js';
import type { NodeFaults } from '../node/faults.js';

/** What the protocol runtime lends a node type's hardware model. */
export interface DeviceContext {
  readonly nodeType: ProfiledNodeType;
  readonly hardwareId: string;
  readonly clock: Clock;
  readonly nodeClock: NodeClock;
  readonly world: SimWorld;
  readonly rng: SeededRandom;
  readonly logger: Logger;
  config(): StoredConfig;
  channel(name: string): ChannelEntry | undefined;
  faults(): NodeFaults;
  /**
   * Publish `{event_code, ts, ...}` on `{channel}/event`. Like the firmware, nothing with a `ts`
   * leaves before time sync or while offline: the event is dropped then.
   */
  publishEvent(channel: string, event: Record<string, unknown>): void;
  /** Persist a calibration section into the stored config, then publish config_report. */
  saveCalibration(sensor: string, values: Record<string, unknown>): void;
}

export type FailsafeReason = 'link_loss_failsafe' | 'safe_mode';

export interface StopReport {
  readonly pumps: string[];
  readonly relays: string[];
}

/**
 * The hardware behind one node type: its commands beyond the builtins, its sensors, its
 * actuators and local safety logic.
 */
export interface NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  /** The physical value behind a sensor channel; undefined when the hardware has no such sensor. */
  sense(channel: string): number | undefined;
  /** Extra telemetry fields of a channel (the pH/EC flow flags). */
  telemetryFlags(channel: string): Record<string, boolean>;
  /** Time sync reached in this MQTT session: publish what the firmware reports once per session. */
  onSessionSynced(): void;
  /**
   * Fail-safe: every pump off (latched ones too) and relays to their safe state. `reason` is
   * the reason code given to commands whose runs this cuts short.
   */
  stopAll(reason: FailsafeReason): StopReport;
  /** Boot: start local loops (level scanning, guards). */
  powerOn(): void;
  /** Power loss: RAM state gone, outputs off, timers cancelled, nothing answered. */
  powerOff(): void;
  actuators(): Record<string, boolean | number>;
  details(): Record<string, unknown>;
}
