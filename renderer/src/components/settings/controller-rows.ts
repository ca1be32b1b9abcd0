import type { ControllerFacts } from '@contracts/controller.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Where a setting comes from (README "Configuration"): config.json key, env variable, flag. */
export interface SettingSource {
  config?: string;
  env: string;
  flag?: string;
}

export interface FactRow {
  key: string;
  value: string;
  source: SettingSource;
  hint?: string;
}

export interface FactGroup {
  key: 'http' | 'broker' | 'storage';
  rows: FactRow[];
}

const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** The controller's facts as plain sentences, grouped, each with how to change it. */
export function controllerRows(facts: ControllerFacts, t: Translate): FactGroup[] {
  const f = formatter(t);
  return [
    { key: 'http', rows: httpRows(facts.http, f) },
    { key: 'broker', rows: brokerRows(facts.mqtt, f) },
    { key: 'storage', rows: storageRows(facts, f) },
  ];
}

type Formatter = ReturnType<typeof formatter>;

function formatter(t: Translate) {
  const v = (key: string, values?: Record<string, unknown>) =>
    t(`controllerSettings.values.${key}`, values);
  return {
    v,
    // Port 0 asks the OS for a free one; the real port is on the System page.
    port: (configured: number) => (configured === 0 ? v('portPicked') : String(configured)),
    bind: (address: string) =>
      LOOPBACK.test(address)
        ? v('loopbackOnly', { bind: address })
        : address === '0.0.0.0' || address === '::'
          ? v('everyInterface', { bind: address })
          : address,
  };
}

function httpRows(http: ControllerFacts['http'], f: Formatter): FactRow[] {
  return [
    {
      key: 'httpPort',
      value: f.port(http.port),
      source: { config: 'http.port', env: 'HYDRO_HTTP_PORT', flag: '--http-port' },
    },
    {
      key: 'httpBind',
      value: f.bind(http.bind),
      source: { config: 'http.bind', env: 'HYDRO_BIND', flag: '--bind' },
    },
    {
      key: 'lan',
      value: f.v(http.lan ? 'lanOn' : 'lanOff'),
      source: { config: 'http.lan', env: 'HYDRO_LAN_ACCESS' },
    },
    {
      key: 'allowedHosts',
      value: http.allowed_hosts.length > 0 ? http.allowed_hosts.join(', ') : f.v('none'),
      source: { config: 'http.allowedHosts', env: 'HYDRO_ALLOWED_HOSTS' },
    },
  ];
}

function brokerRows(mqtt: ControllerFacts['mqtt'], f: Formatter): FactRow[] {
  const external = mqtt.kind === 'external';
  // Port, bind and access mode belong to the built-in broker only.
  const embeddedOnly = (text: string) => (external ? f.v('unusedExternal') : text);
  const brokerUrl = { config: 'mqtt.url', env: 'HYDRO_MQTT_URL', flag: '--mqtt-url' };
  return [
    {
      key: 'brokerKind',
      value: external ? f.v('external', { url: mqtt.external_url ?? '' }) : f.v('embedded'),
      source: brokerUrl,
    },
    {
      key: 'mqttPort',
      value: embeddedOnly(f.port(mqtt.port)),
      source: { config: 'mqtt.port', env: 'HYDRO_MQTT_PORT' },
    },
    {
      key: 'mqttBind',
      value: embeddedOnly(f.bind(mqtt.bind)),
      source: { config: 'mqtt.bind', env: 'HYDRO_MQTT_BIND' },
    },
    {
      key: 'access',
      value: embeddedOnly(f.v(`access${capitalize(mqtt.access)}`)),
      source: { config: 'mqtt.access', env: 'HYDRO_MQTT_ACCESS' },
    },
    {
      key: 'onboardingPassword',
      value: f.v(mqtt.onboarding_password_set ? 'passwordSet' : 'passwordNotSet'),
      source: { env: 'HYDRO_MQTT_ONBOARDING_PASSWORD' },
    },
    {
      key: 'tls',
      value: f.v(mqtt.tls ? 'tlsOn' : 'tlsOff'),
      source: brokerUrl,
      ...(mqtt.tls ? {} : { hint: f.v('tlsHint') }),
    },
  ];
}

function storageRows(facts: ControllerFacts, f: Formatter): FactRow[] {
  return [
    {
      key: 'database',
      value: f.v(facts.database.kind),
      source: { config: 'database.url', env: 'HYDRO_DATABASE_URL', flag: '--database-url' },
    },
    {
      key: 'dataDir',
      value: facts.data_dir,
      source: { env: 'HYDRO_DATA_DIR', flag: '--data-dir' },
    },
    {
      key: 'logLevel',
      value: facts.log_level,
      source: { config: 'log.level', env: 'HYDRO_LOG_LEVEL' },
    },
  ];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
