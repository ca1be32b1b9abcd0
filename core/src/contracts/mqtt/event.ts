import { z } from 'zod';
import { UnixSecondsSchema } from './identifiers.js';

/**
 * `.../{channel}/event` as received (§4.10). The backend reads `event_code`, falling back to
 * `event` and then `type`, so none of them is required. `ts` (seconds) is optional here because an
 * event such as an E-stop must never be dropped for a missing clock; it is stamped on ingest.
 */
export const NodeEventSchema = z.looseObject({
  event_code: z.string().optional(),
  event: z.string().optional(),
  type: z.string().optional(),
  ts: z.number().optional(),
});
export type NodeEvent = z.infer<typeof NodeEventSchema>;

export const DEFAULT_EVENT_CODE = 'node_event';

/** The event code the backend files the event under (before type normalisation). */
export function eventCodeOf(event: NodeEvent): string {
  for (const candidate of [event.event_code, event.event, event.type]) {
    if (candidate !== undefined && candidate !== '') return candidate;
  }
  return DEFAULT_EVENT_CODE;
}

/** Tank and actuator state of the two-tank irrigation node; a missing key means unknown. */
export const IRR_SNAPSHOT_KEYS = [
  'clean_level_max',
  'clean_level_min',
  'solution_level_max',
  'solution_level_min',
  'valve_clean_fill',
  'valve_clean_supply',
  'valve_solution_fill',
  'valve_solution_supply',
  'valve_irrigation',
  'pump_main',
] as const;
export const IrrSnapshotSchema = z.partialRecord(z.enum(IRR_SNAPSHOT_KEYS), z.boolean());
export type IrrSnapshot = z.infer<typeof IrrSnapshotSchema>;

export const LEVEL_SWITCH_CHANNELS = [
  'level_clean_min',
  'level_clean_max',
  'level_solution_min',
  'level_solution_max',
] as const;

/** Events of the `storage_state` channel. `clean_fill_source_empty` is legacy, never emitted. */
export const STORAGE_EVENT_CODES = [
  'clean_fill_completed',
  'solution_fill_completed',
  'solution_fill_source_empty',
  'solution_fill_leak_detected',
  'recirculation_solution_low',
  'irrigation_solution_low',
  'solution_fill_timeout',
  'prepare_recirculation_timeout',
  'irrigation_timeout',
  'emergency_stop_activated',
] as const;

/** The events below are what a node emits; they are strict so the simulator stays faithful. */
export const LevelSwitchEventSchema = z.strictObject({
  event_code: z.literal('level_switch_changed'),
  channel: z.enum(LEVEL_SWITCH_CHANNELS),
  /** Debounced switch state. */
  state: z.boolean(),
  /** True for the first report per MQTT session after time sync. */
  initial: z.boolean(),
  ts: UnixSecondsSchema,
  snapshot: IrrSnapshotSchema.optional(),
});
export type LevelSwitchEvent = z.infer<typeof LevelSwitchEventSchema>;

export const StorageStateEventSchema = z.strictObject({
  event_code: z.enum(STORAGE_EVENT_CODES),
  ts: UnixSecondsSchema,
  /** The stage-arm command the event belongs to, if any. */
  cmd_id: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  snapshot: IrrSnapshotSchema.optional(),
  /** Legacy 0/1 map keyed by level channel. */
  state: z
    .partialRecord(z.enum(LEVEL_SWITCH_CHANNELS), z.union([z.literal(0), z.literal(1)]))
    .optional(),
});
export type StorageStateEvent = z.infer<typeof StorageStateEventSchema>;

export const LinkLossFailsafeEventSchema = z.strictObject({
  event_code: z.literal('link_loss_failsafe'),
  ts: UnixSecondsSchema,
  timeout_sec: z.int().positive(),
  stopped_pumps: z.array(z.string()),
  stopped_relays: z.array(z.string()),
});
export type LinkLossFailsafeEvent = z.infer<typeof LinkLossFailsafeEventSchema>;
