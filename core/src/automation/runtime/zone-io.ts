import type { BindingRole } from '../../contracts/bindings.js';
import type { CommandStatus } from '../../storage/types.js';
import type { WindowSample } from '../correction/decision-window.js';
import type { CommandStep } from './plans.js';

/**
 * What a workflow may know about and do to its zone's hardware, all through the store and the
 * command gateway (reference-domain §0.5: node events are hints, the store is the truth). The
 * engine builds one per step; the workflows never touch MQTT, storage or the gateway directly.
 */

/** A level switch (reference-domain §5.1): triggered iff 0 ≤ v ≤ 1 and v ≥ 0.5. */
export interface LevelReading {
  /** null: no fresh reading (older than the max age, or never): the caller fails closed. */
  readonly triggered: boolean | null;
  readonly ts: number | null;
}

export type LevelRole =
  'level_clean_min' | 'level_clean_max' | 'level_solution_min' | 'level_solution_max';

export interface NodeAvailability {
  readonly role: BindingRole;
  readonly nodeId: number;
  readonly online: boolean;
  readonly lastSeenAt: number | null;
}

export interface ZoneIo {
  /** Is a channel bound to `role` in this zone? */
  has(role: BindingRole): Promise<boolean>;
  /** Freshest reading of a level switch, considered stale after `maxAgeMs` (default 10 s). */
  level(role: LevelRole, maxAgeMs?: number): Promise<LevelReading>;
  /** Samples of the sensor bound to `role` since `sinceMs`, oldest first (decision windows). */
  samples(role: BindingRole, sinceMs: number): Promise<WindowSample[]>;
  /** The latest sample of the sensor bound to `role`, or null. */
  last(role: BindingRole): Promise<WindowSample | null>;
  /** The nodes behind `roles` (deduplicated), with their status. */
  availability(roles: readonly BindingRole[]): Promise<NodeAvailability[]>;
  /**
   * Send one command through the gateway with a caller-chosen stable `cmdId` (re-sending the
   * same id is a no-op). Throws HydroError `role_not_bound` when nothing plays the role.
   */
  send(step: CommandStep, cmdId: string): Promise<void>;
  /** The command's status in the store (null: never sent). */
  status(cmdId: string): Promise<CommandStatus | null>;
  /** Response details of a command (dose ACK `duration_limited`, `duration_ms`…). */
  details(cmdId: string): Promise<Record<string, unknown> | null>;
  /** Publish without waiting (the fail-safe batch): errors are logged, never thrown. */
  fireAndForget(steps: readonly CommandStep[], cmdIdPrefix: string): Promise<void>;
  /** How often the sensor bound to `role` reports (its channel's `poll_interval_ms`), or null. */
  samplePeriodMs(role: BindingRole): Promise<number | null>;
  /** ml/s of the pump bound to `role` from its calibration; null: not calibrated. */
  pumpRate(role: BindingRole): Promise<number | null>;
}
