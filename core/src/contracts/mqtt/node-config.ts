import { z } from 'zod';
import { NodeTypeSchema } from './enums.js';
import { TEMP_GH, TEMP_ZONE, TopicSegmentSchema } from './identifiers.js';
import { NodeChannelSchema } from './node-channel.js';

/** NodeConfig format version of the reference templates (§4.6). */
export const NODE_CONFIG_VERSION = 3;

/** The node parses configs into a 4096-byte buffer and drops anything larger (§1, §4.6). */
export const NODE_MAX_PAYLOAD_BYTES = 4096;

/** `{"configured":true}` tells the node to keep its current Wi-Fi or MQTT settings. */
export const KeepCurrentSchema = z.strictObject({ configured: z.literal(true) });

/**
 * Full MQTT settings. The firmware reads `username`, `password` (or `pass`) and `use_tls` (or
 * `tls`); the docs' `user` is not read by any firmware, so it is not accepted here.
 */
export const MqttSettingsSchema = z.strictObject({
  host: z.string().min(1),
  port: z.int().min(1).max(65535),
  keepalive: z.int().min(1).max(65535).optional(),
  client_id: z.string().min(1).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  pass: z.string().optional(),
  use_tls: z.boolean().optional(),
  tls: z.boolean().optional(),
});
export type MqttSettings = z.infer<typeof MqttSettingsSchema>;

export const WifiSettingsSchema = z.strictObject({
  ssid: z.string().min(1).max(32),
  pass: z.string().max(64).optional(),
  auto_reconnect: z.boolean().optional(),
  timeout_sec: z.int().positive().optional(),
});
export type WifiSettings = z.infer<typeof WifiSettingsSchema>;

/** INA209 pump-current window and run limits (the ph node forces 50..500 mA). */
export const PumpLimitsSchema = z.strictObject({
  currentMin: z.number().nonnegative().optional(),
  currentMax: z.number().positive().optional(),
  max_runtime_sec: z.int().positive().optional(),
  cooldown_sec: z.int().nonnegative().optional(),
});
export type PumpLimits = z.infer<typeof PumpLimitsSchema>;

/** Sensor calibration the node merges with its own; the inner shape is firmware-owned. */
export const CalibrationSchema = z.strictObject({
  ph: z.record(z.string(), z.unknown()).optional(),
  ec: z.record(z.string(), z.unknown()).optional(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** The firmware caps every stage guard timeout at two hours (§11.3). */
export const GUARD_TIMEOUT_MAX_MS = 7_200_000;

/** Local guards of the two-tank irrigation node, mirrored from the zone logic profile (§11.3). */
export const FailSafeGuardsSchema = z.strictObject({
  clean_fill_min_check_delay_ms: z.int().nonnegative().optional(),
  solution_fill_clean_min_check_delay_ms: z.int().nonnegative().optional(),
  solution_fill_solution_min_check_delay_ms: z.int().nonnegative().optional(),
  recirculation_solution_min_guard_enabled: z.boolean().optional(),
  irrigation_solution_min_guard_enabled: z.boolean().optional(),
  irrigation_timeout_ms: z.int().positive().max(GUARD_TIMEOUT_MAX_MS).optional(),
  irrigation_timeout_sec: z
    .int()
    .positive()
    .max(GUARD_TIMEOUT_MAX_MS / 1000)
    .optional(),
  estop_debounce_ms: z.int().nonnegative().optional(),
  link_loss_timeout_sec: z.int().nonnegative().optional(),
});
export type FailSafeGuards = z.infer<typeof FailSafeGuardsSchema>;

/**
 * NodeConfig as Hydro publishes it on `.../config` (§4.6): known keys only, and the rules of the
 * firmware validator checked here so a config is never silently ignored by a node.
 */
export const NodeConfigSchema = z
  .strictObject({
    node_id: TopicSegmentSchema,
    version: z.int().positive(),
    type: NodeTypeSchema,
    gh_uid: TopicSegmentSchema,
    zone_uid: TopicSegmentSchema,
    channels: z.array(NodeChannelSchema),
    mqtt: z.union([KeepCurrentSchema, MqttSettingsSchema]),
    // Optional for current firmware, but older validators refuse a config without it, and
    // `{configured:true}` costs nothing.
    wifi: z.union([KeepCurrentSchema, WifiSettingsSchema]),
    /** HMAC key, used as ASCII bytes; the firmware buffer holds 127 characters. */
    node_secret: z
      .string()
      .regex(/^[\x21-\x7e]{1,127}$/, 'printable ASCII, at most 127 characters')
      .optional(),
    limits: PumpLimitsSchema.optional(),
    calibration: CalibrationSchema.optional(),
    fail_safe_guards: FailSafeGuardsSchema.optional(),
    link_loss_timeout_sec: z.int().nonnegative().optional(),
    /** Development only: honoured by firmware built with CONFIG_HYDRO_ALLOW_LEGACY_HMAC. */
    allow_legacy_hmac: z.boolean().optional(),
  })
  .superRefine((config, ctx) => {
    if ((config.gh_uid === TEMP_GH) !== (config.zone_uid === TEMP_ZONE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['zone_uid'],
        message: `unbinding needs both ${TEMP_GH} and ${TEMP_ZONE}`,
      });
    }
    const seen = new Set<string>();
    config.channels.forEach((channel, index) => {
      if (seen.has(channel.name)) {
        ctx.addIssue({ code: 'custom', path: ['channels', index, 'name'], message: 'duplicate' });
      }
      seen.add(channel.name);
    });
    const bytes = new TextEncoder().encode(JSON.stringify(config)).length;
    if (bytes >= NODE_MAX_PAYLOAD_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `config is ${bytes} bytes; the node accepts less than ${NODE_MAX_PAYLOAD_BYTES}`,
      });
    }
  });
export type NodeConfig = z.infer<typeof NodeConfigSchema>;
