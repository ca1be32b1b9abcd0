import { z } from 'zod';

/** Who may use the embedded broker (README "Nodes and the broker"). */
export const MqttAccessModeSchema = z.enum(['default', 'onboarding', 'open']);
export type MqttAccessMode = z.infer<typeof MqttAccessModeSchema>;

/**
 * How the running controller was started (issue 7, Settings → Controller). Facts only, never
 * secrets: the onboarding password is a boolean, URLs lose their credentials and paths. They come
 * from the resolved config, so a change (config.json, env, flag) shows after a restart.
 */
export const ControllerFactsSchema = z.object({
  http: z.object({
    /** As configured; 0 means a free port was picked at start (see /api/health for the real one). */
    port: z.number().int(),
    bind: z.string(),
    /** Answers Host headers naming any IP address (LAN access). */
    lan: z.boolean(),
    allowed_hosts: z.array(z.string()),
  }),
  mqtt: z.object({
    kind: z.enum(['embedded', 'external']),
    /** The embedded broker's port and bind; unused with an external broker. */
    port: z.number().int(),
    bind: z.string(),
    access: MqttAccessModeSchema,
    onboarding_password_set: z.boolean(),
    /** `mqtt(s)://host:port` of the external broker, without user, password or path. */
    external_url: z.string().nullable(),
    /**
     * Whether node traffic is encrypted: the embedded broker offers plain MQTT only, so TLS
     * needs an external broker reached over mqtts://.
     */
    tls: z.boolean(),
  }),
  database: z.object({ kind: z.enum(['sqlite', 'postgres']) }),
  data_dir: z.string(),
  log_level: z.string(),
});
export type ControllerFacts = z.infer<typeof ControllerFactsSchema>;

/** Levels as the log file names them, least to most severe. */
export const LOG_LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const LogLevelNameSchema = z.enum(LOG_LEVEL_NAMES);
export type LogLevelName = z.infer<typeof LogLevelNameSchema>;

export const LogQuerySchema = z.object({
  /** Newest lines to return. */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** Lowest level included (`warn` gives warn, error and fatal). */
  level: LogLevelNameSchema.default('info'),
});
export type LogQuery = z.infer<typeof LogQuerySchema>;

export const LogLineSchema = z.object({
  /** ISO time. */
  time: z.string(),
  level: LogLevelNameSchema,
  /** The part of the core that wrote it (http, broker, devices…), null for the core itself. */
  module: z.string().nullable(),
  msg: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

/** Newest first. */
export const LogLinesSchema = z.array(LogLineSchema);
