import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const port = z
  .union([z.number(), z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)])
  .pipe(z.number().int().min(0, 'must be 0–65535').max(65535, 'must be 0–65535'));
const host = z.string().min(1, 'must not be empty');
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
const secret = z.string().min(16, 'must be at least 16 characters');
/** A boolean from JSON, or from an environment variable's text. */
const flag = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
]);
const hostName = z
  .string()
  .regex(/^[a-z0-9.:[\]-]{1,253}$/i, 'must be host names or IP literals (e.g. hydro.lan)');
/** A list from JSON, or comma-separated from an environment variable. */
const hostList = z
  .union([z.array(z.string()), z.string().transform((s) => s.split(',').map((h) => h.trim()))])
  .pipe(z.array(hostName));

/** One schema for every setting; each source below is checked against a partial of it. */
export const CoreConfigSchema = z
  .object({
    dataDir: z.string().min(1),
    http: z
      .object({
        port: port.default(8080),
        bind: host.default('127.0.0.1'),
        /** LAN access (HYDRO_LAN_ACCESS): binds 0.0.0.0 unless bind is set; every IP Host is allowed. */
        lan: flag.optional(),
        /** Extra Host names the API answers (DNS-rebinding defence), e.g. a LAN DNS name. */
        allowedHosts: hostList.optional(),
      })
      .strict(),
    mqtt: z
      .object({
        port: port.default(1883),
        bind: host.default('0.0.0.0'),
        /** Who may use the embedded broker (see broker/mqtt-access.ts). */
        access: z.enum(['default', 'onboarding', 'open']).default('default'),
        /** External broker (server build): the core connects to it instead of embedding one. */
        url: z
          .string()
          .regex(/^mqtts?:\/\/[^\s]+$/, 'must be an mqtt:// or mqtts:// URL')
          .optional(),
        /** Password factory-fresh nodes must present in `onboarding` mode (env only). */
        onboardingPassword: z.string().min(8, 'must be at least 8 characters').optional(),
      })
      .strict(),
    /** PostgreSQL (server build) instead of the SQLite file in the data dir. */
    database: z
      .object({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\/[^\s]*$/, 'must be a postgres:// or postgresql:// URL')
          .optional(),
      })
      .strict(),
    log: z
      .object({
        level: z.enum(LOG_LEVELS).default('info'),
        fileMaxMb: z.number().int().min(1).max(1024).default(10),
        files: z.number().int().min(1).max(100).default(5),
      })
      .strict(),
    backups: z
      .object({
        /** Hours between scheduled backups of the SQLite store; 0 turns them off. */
        intervalHours: z
          .number()
          .min(0)
          .max(24 * 30)
          .default(24),
        keep: z.number().int().min(1).max(1000).default(14),
      })
      .strict(),
    /** How long each resolution of telemetry is kept, in days (null: forever). */
    retention: z
      .object({
        rawDays: z.number().min(1).default(30),
        minuteDays: z.number().min(1).default(90),
        hourDays: z.number().min(1).default(730),
        dayDays: z.number().min(1).nullable().default(null),
      })
      .strict(),
    /** How notifications leave (which channels are on is a runtime setting, in the store). */
    notify: z
      .object({
        /** Bot API base URL: a local Bot API server, or a proxy where api.telegram.org is blocked. */
        telegramApiUrl: z
          .string()
          .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
          .default('https://api.telegram.org'),
      })
      .strict(),
    /** Folder with the built renderer; defaults to the one shipped beside the core. */
    uiDir: z.string().min(1).optional(),
    /** Static admin bearer token for scripts (HYDRO_API_TOKEN). */
    apiToken: secret.optional(),
    /** Session secret the desktop shell hands to its window (HYDRO_DESKTOP_TOKEN). */
    desktopToken: secret.optional(),
    /** The admin created at start while no account exists (HYDRO_ADMIN_EMAIL / _PASSWORD). */
    adminEmail: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
      .default('admin@localhost'),
    adminPassword: z.string().min(8, 'must be at least 8 characters').optional(),
  })
  .strict();
export type CoreConfig = z.infer<typeof CoreConfigSchema>;

/** What `config.json` may hold: secrets and the data dir itself come from env or flags only. */
const FileLayerSchema = z
  .object({
    http: z.object({ port, bind: host, lan: flag, allowedHosts: hostList }).partial().strict(),
    mqtt: z
      .object({ port, bind: host, access: z.enum(['default', 'onboarding', 'open']) })
      .partial()
      .strict(),
    database: CoreConfigSchema.shape.database.partial(),
    log: CoreConfigSchema.shape.log.partial(),
    backups: CoreConfigSchema.shape.backups.partial(),
    retention: CoreConfigSchema.shape.retention.partial(),
    notify: CoreConfigSchema.shape.notify.partial(),
    uiDir: z.string().min(1),
  })
  .partial()
  .strict();

type Layer = z.input<typeof FileLayerSchema> & {
  dataDir?: string;
  apiToken?: string;
  desktopToken?: string;
  adminEmail?: string;
  adminPassword?: string;
};

/** Environment variables and the field each sets. */
export const ENV_VARS = {
  HYDRO_DATA_DIR: 'dataDir',
  HYDRO_HTTP_PORT: 'http.port',
  HYDRO_BIND: 'http.bind',
  HYDRO_LAN_ACCESS: 'http.lan',
  HYDRO_ALLOWED_HOSTS: 'http.allowedHosts',
  HYDRO_MQTT_PORT: 'mqtt.port',
  HYDRO_MQTT_BIND: 'mqtt.bind',
  HYDRO_MQTT_ACCESS: 'mqtt.access',
  HYDRO_MQTT_URL: 'mqtt.url',
  HYDRO_MQTT_ONBOARDING_PASSWORD: 'mqtt.onboardingPassword',
  HYDRO_DATABASE_URL: 'database.url',
  HYDRO_LOG_LEVEL: 'log.level',
  HYDRO_UI_DIR: 'uiDir',
  HYDRO_TELEGRAM_API_URL: 'notify.telegramApiUrl',
  HYDRO_API_TOKEN: 'apiToken',
  HYDRO_DESKTOP_TOKEN: 'desktopToken',
  HYDRO_ADMIN_EMAIL: 'adminEmail',
  HYDRO_ADMIN_PASSWORD: 'adminPassword',
} as const;

/** CLI flags of `hydro serve` and the field each sets. */
export const CLI_FLAGS = {
  'data-dir': 'dataDir',
  'http-port': 'http.port',
  'mqtt-port': 'mqtt.port',
  bind: 'http.bind',
  'mqtt-url': 'mqtt.url',
  'database-url': 'database.url',
} as const;

export const CONFIG_FILE_NAME = 'config.json';

export interface ConfigSources {
  env: Record<string, string | undefined>;
  flags: Partial<Record<keyof typeof CLI_FLAGS, string>>;
  platform?: NodeJS.Platform;
  home?: string;
  readFile?: (path: string) => string | undefined;
}

/**
 * Resolve the effective config: defaults < `config.json` in the data dir < `HYDRO_*` env < flags.
 * Every failure names where the bad value came from and which field it is.
 */
export function loadConfig(sources: ConfigSources): CoreConfig {
  const envLayer = layerFrom(ENV_VARS, sources.env, (name) => `environment variable ${name}`);
  const flagLayer = layerFrom(CLI_FLAGS, sources.flags, (name) => `flag --${name}`);
  const dataDir =
    flagLayer.dataDir ??
    envLayer.dataDir ??
    defaultDataDir(sources.platform ?? process.platform, sources.home ?? homedir(), sources.env);
  const fileLayer = readConfigFile(
    join(dataDir, CONFIG_FILE_NAME),
    sources.readFile ?? readIfExists,
  );
  const merged = deepMerge(
    deepMerge(
      deepMerge(
        { http: {}, mqtt: {}, database: {}, log: {}, backups: {}, retention: {}, notify: {} },
        fileLayer,
      ),
      envLayer,
    ),
    flagLayer,
  );
  const http = merged.http as { lan?: boolean; bind?: string };
  // LAN access means listening on every interface, unless a bind address was chosen explicitly.
  if (http.lan === true && http.bind === undefined) http.bind = '0.0.0.0';
  const result = CoreConfigSchema.safeParse({ ...merged, dataDir });
  if (!result.success) throw new ConfigError(`configuration: ${formatIssues(result.error)}`);
  return result.data;
}

export function defaultDataDir(
  platform: NodeJS.Platform,
  home: string,
  env: Record<string, string | undefined>,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Hydro');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hydro');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'hydro');
}

function layerFrom<K extends string>(
  map: Record<K, string>,
  values: Partial<Record<K, string | undefined>>,
  describe: (name: K) => string,
): Layer {
  const layer: Record<string, unknown> = {};
  for (const name of Object.keys(map) as K[]) {
    const raw = values[name];
    if (raw === undefined) continue;
    const field = map[name];
    const checked = checkField(field, raw);
    if (checked.error)
      throw new ConfigError(`${describe(name)}: ${field} ${checked.error} (got "${raw}")`);
    setPath(layer, field, checked.value);
  }
  return layer;
}

function checkField(field: string, raw: string): { value?: unknown; error?: string } {
  const [head, tail] = field.split('.') as [string, string | undefined];
  const schema = tail
    ? (CoreConfigSchema.shape[head as 'http'].shape as Record<string, z.ZodType>)[tail]
    : (CoreConfigSchema.shape as Record<string, z.ZodType>)[head];
  const result = schema!.safeParse(raw);
  if (result.success) return { value: result.data };
  return { error: result.error.issues[0]?.message ?? 'is invalid' };
}

function readConfigFile(path: string, read: (path: string) => string | undefined): Layer {
  const text = read(path);
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const result = FileLayerSchema.safeParse(json);
  if (!result.success) throw new ConfigError(`${path}: ${formatIssues(result.error)}`);
  return result.data;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // A data dir that does not exist yet (or is unusable, reported later) has no config file.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError(`${path}: cannot be read (${(error as Error).message})`);
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => (where === '(root)' ? k : `${where}.${k}`));
        return `unknown setting ${keys.join(', ')}`;
      }
      return `${where} ${issue.message}`;
    })
    .join('; ');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  child[tail] = value;
}

function deepMerge(base: object, over: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] =
      value && typeof value === 'object' && prev && typeof prev === 'object'
        ? deepMerge(prev, value as object)
        : value;
  }
  return out;
}
