import { z } from 'zod';
import { MetricTypeSchema } from './metrics.js';

export const ChannelKindSchema = z.enum(['SENSOR', 'ACTUATOR']);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** `SYSTEM` is a service channel without GPIO (`system`, `storage_state`). */
export const ActuatorTypeSchema = z.enum([
  'PUMP',
  'PERISTALTIC_PUMP',
  'RELAY',
  'VALVE',
  'DRIVE',
  'FAN',
  'HEATER',
  'LED',
  'PWM',
  'SYSTEM',
]);
export type ActuatorType = z.infer<typeof ActuatorTypeSchema>;

export const RelayTypeSchema = z.enum(['NC', 'NO']);
export type RelayType = z.infer<typeof RelayTypeSchema>;

/** The firmware validator refuses these actuators without a `relay_type` (§4.6). */
export const RELAY_TYPED_ACTUATORS: readonly ActuatorType[] = ['RELAY', 'VALVE', 'FAN', 'HEATER'];

/** A channel entry of a NodeConfig we publish (§4.6): known keys only, firmware rules enforced. */
export const NodeChannelSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Same value as `name`; older firmware reads one, newer the other. */
    channel: z.string().min(1).optional(),
    type: ChannelKindSchema,
    metric: MetricTypeSchema.optional(),
    poll_interval_ms: z.int().positive().optional(),
    unit: z.string().optional(),
    precision: z.int().nonnegative().optional(),
    actuator_type: ActuatorTypeSchema.optional(),
    relay_type: RelayTypeSchema.optional(),
    /** Defaults on the node: 60000 ms and 5000 ms. */
    safe_limits: z
      .strictObject({
        max_duration_ms: z.int().positive().optional(),
        min_off_ms: z.int().nonnegative().optional(),
        fail_safe_mode: RelayTypeSchema.optional(),
      })
      .optional(),
    /** Dosing pumps need it for `dose`. */
    ml_per_second: z.number().positive().optional(),
    gpio: z.int().nonnegative().optional(),
    active_low: z.boolean().optional(),
    gpio_open: z.int().nonnegative().optional(),
    gpio_close: z.int().nonnegative().optional(),
    limit_switches: z.record(z.string(), z.unknown()).optional(),
    drive: z.strictObject({ travel_ms: z.int().positive() }).optional(),
  })
  .superRefine((ch, ctx) => {
    if (ch.channel !== undefined && ch.channel !== ch.name) {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'channel must equal name' });
    }
    if (ch.type === 'ACTUATOR' && ch.actuator_type === undefined) {
      ctx.addIssue({ code: 'custom', path: ['actuator_type'], message: 'actuators need a type' });
    }
    const needsRelayType =
      ch.actuator_type !== undefined && RELAY_TYPED_ACTUATORS.includes(ch.actuator_type);
    if (ch.type === 'ACTUATOR' && needsRelayType && ch.relay_type === undefined) {
      ctx.addIssue({ code: 'custom', path: ['relay_type'], message: 'relay_type is required' });
    }
  });
export type NodeChannel = z.infer<typeof NodeChannelSchema>;

/**
 * A channel entry as a node reports it. Firmware keeps whatever the config carried and may add
 * keys of its own (and `VIRTUAL` exists in the docs), so a report is never rejected for a quirky
 * hardware field: only the identifying strings are typed.
 */
export const ReportedChannelSchema = z
  .looseObject({
    name: z.string().min(1).optional(),
    channel: z.string().min(1).optional(),
    type: z.string().optional(),
    metric: z.string().optional(),
    unit: z.string().optional(),
    actuator_type: z.string().optional(),
    relay_type: z.string().optional(),
  })
  .refine((ch) => ch.name !== undefined || ch.channel !== undefined, {
    message: 'a channel needs a name',
    path: ['name'],
  });
export type ReportedChannel = z.infer<typeof ReportedChannelSchema>;

/** The firmware channel id of a reported entry (`name`, else `channel`). */
export function reportedChannelId(channel: ReportedChannel): string {
  return channel.name ?? channel.channel ?? '';
}
