import { LWT_PAYLOAD } from '../../contracts/mqtt/status.js';
import { nodeTopic, nodeSubscriptions } from '../../protocol/topics.js';
import { namespaceOf, type StoredConfig } from './node-config.js';

/** NodeConfig default; the firmware falls back to 60 s for 0 (§1). */
const DEFAULT_KEEPALIVE_S = 30;

export interface ConnectOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly keepaliveS: number;
  /** Registered as the MQTT Will: retained `offline` on the current namespace's `lwt` (§4.3). */
  readonly will: { readonly topic: string; readonly payload: string };
  readonly subscriptions: readonly string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * How the node connects with this stored config: broker from `mqtt.host/port` (else the URL it
 * was started with), client id `mqtt.client_id` else its hardware id, credentials
 * `mqtt.username|user` / `mqtt.password|pass`, clean session, Will on the current namespace.
 */
export function connectOptions(
  config: StoredConfig,
  hardwareId: string,
  brokerUrl: string,
): ConnectOptions {
  const mqtt = config.mqtt as Record<string, unknown>;
  const base = new URL(brokerUrl);
  const host = text(mqtt.host);
  const port = typeof mqtt.port === 'number' ? mqtt.port : undefined;
  const tls = mqtt.use_tls ?? mqtt.tls;
  const protocol = tls === true ? 'mqtts:' : tls === false ? 'mqtt:' : base.protocol;
  const url =
    host && port ? `${protocol}//${host.includes(':') ? `[${host}]` : host}:${port}` : brokerUrl;
  const keepalive =
    typeof mqtt.keepalive === 'number' && mqtt.keepalive > 0 ? mqtt.keepalive : DEFAULT_KEEPALIVE_S;
  const ns = namespaceOf(config, hardwareId);
  const username = text(mqtt.username) ?? text(mqtt.user);
  const password = text(mqtt.password) ?? text(mqtt.pass);
  return {
    url,
    clientId: text(mqtt.client_id) ?? hardwareId,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    keepaliveS: keepalive,
    will: { topic: nodeTopic(ns, 'lwt'), payload: LWT_PAYLOAD },
    subscriptions: nodeSubscriptions(ns, hardwareId),
  };
}
