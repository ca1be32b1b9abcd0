import { z } from 'zod';
import {
  FIRMWARE_NODE_PROFILES,
  toNodeChannel,
  type ProfiledNodeType,
} from '../../contracts/mqtt/channel-maps.js';
import { TEMP_GH, TEMP_ZONE, isTopicSegment } from '../../contracts/mqtt/identifiers.js';
import { NODE_MAX_PAYLOAD_BYTES } from '../../contracts/mqtt/node-config.js';
import { canonicalJson } from '../../protocol/canonical-json.js';
import { decodeJsonObject } from '../../protocol/payload.js';
import { isTempNamespace, type Namespace } from '../../protocol/topics.js';

/**
 * NodeConfig as the firmware validator sees it (`node_config_handler.c`, reference §4.6): the
 * required fields typed, everything else kept and echoed. Looser than Hydro's own outgoing
 * schema on purpose: a node must accept whatever the reference backend sends.
 */
const segment = z.string().refine(isTopicSegment, 'not a topic segment');
const RELAY_TYPED = ['RELAY', 'VALVE', 'FAN', 'HEATER'];

const ChannelSchema = z
  .looseObject({
    name: segment,
    type: z.enum(['SENSOR', 'ACTUATOR']),
    metric: z.string().optional(),
    unit: z.string().optional(),
    poll_interval_ms: z.number().positive().optional(),
    actuator_type: z.string().optional(),
    relay_type: z.enum(['NC', 'NO']).optional(),
    ml_per_second: z.number().optional(),
    safe_limits: z
      .looseObject({
        max_duration_ms: z.number().positive().optional(),
        min_off_ms: z.number().nonnegative().optional(),
      })
      .optional(),
  })
  .refine(
    (ch) => !(ch.actuator_type && RELAY_TYPED.includes(ch.actuator_type) && !ch.relay_type),
    'relay_type is required for relay-like actuators',
  );
export type ChannelEntry = z.infer<typeof ChannelSchema>;

const MqttSchema = z.union([
  z.looseObject({ configured: z.literal(true) }),
  z.looseObject({
    host: z.string().min(1),
    port: z.int().min(1).max(65535),
    keepalive: z.int().min(1).max(65535).optional(),
    client_id: z.string().min(1).optional(),
  }),
]);

const StoredConfigSchema = z.looseObject({
  node_id: segment,
  version: z.number(),
  type: z.string().min(1),
  gh_uid: segment,
  zone_uid: segment,
  channels: z.array(ChannelSchema),
  mqtt: MqttSchema,
  wifi: z.record(z.string(), z.unknown()).optional(),
  node_secret: z.string().min(1).max(127).optional(),
  limits: z.record(z.string(), z.unknown()).optional(),
  calibration: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  fail_safe_guards: z.record(z.string(), z.unknown()).optional(),
  link_loss_timeout_sec: z.number().nonnegative().optional(),
});
export type StoredConfig = z.infer<typeof StoredConfigSchema>;

export type ConfigDecision =
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'report_only'; readonly reason: 'temp_to_temp' | 'unchanged' }
  | { readonly kind: 'apply'; readonly config: StoredConfig; readonly reconnect: boolean };

/** Where a node with this config publishes; in the temp namespace its node segment is the hardware id. */
export function namespaceOf(config: StoredConfig, hardwareId: string): Namespace {
  return isTempNamespace({ gh: config.gh_uid, zone: config.zone_uid })
    ? { gh: TEMP_GH, zone: TEMP_ZONE, node: hardwareId }
    : { gh: config.gh_uid, zone: config.zone_uid, node: config.node_id };
}

/** Firmware says hello while its ids are temporary (§4.5). */
export function hasTemporaryIds(config: StoredConfig): boolean {
  return (
    config.node_id === '' ||
    config.node_id === 'node-temp' ||
    isTempNamespace({ gh: config.gh_uid, zone: config.zone_uid })
  );
}

/**
 * Steps 1–5 of the node's config handling (§4.6). Pure: the caller saves, reports and reconnects.
 */
export function decideConfig(
  current: StoredConfig,
  payload: Uint8Array,
  nodeType: ProfiledNodeType,
  hardwareId: string,
): ConfigDecision {
  const decoded = decodeJsonObject(payload, NODE_MAX_PAYLOAD_BYTES - 1);
  if (!decoded.ok) return { kind: 'rejected', reason: decoded.reason };
  const parsed = StoredConfigSchema.safeParse(decoded.value);
  if (!parsed.success) return { kind: 'rejected', reason: z.prettifyError(parsed.error) };
  const incoming = parsed.data;
  const currentTemp = isTempNamespace({ gh: current.gh_uid, zone: current.zone_uid });
  if (currentTemp && isTempNamespace({ gh: incoming.gh_uid, zone: incoming.zone_uid })) {
    return { kind: 'report_only', reason: 'temp_to_temp' };
  }
  const next = normalise(incoming, current, nodeType);
  if (sameIgnoringConnectivity(next, current)) return { kind: 'report_only', reason: 'unchanged' };
  const reconnect =
    !sameNamespace(namespaceOf(next, hardwareId), namespaceOf(current, hardwareId)) ||
    fingerprint(next.mqtt) !== fingerprint(current.mqtt);
  return { kind: 'apply', config: next, reconnect };
}

/**
 * What the firmware stores: its locked channel map instead of the backend's (or the backend's
 * plus missing firmware sensors), `{"configured":true}` sections replaced by the current ones,
 * and the existing calibration merged under the incoming one.
 */
function normalise(
  incoming: StoredConfig,
  current: StoredConfig,
  nodeType: ProfiledNodeType,
): StoredConfig {
  const keep = (section: unknown) =>
    section === undefined ||
    (typeof section === 'object' && section !== null && 'configured' in section);
  const calibration = { ...current.calibration };
  for (const [sensor, values] of Object.entries(incoming.calibration ?? {})) {
    calibration[sensor] = { ...calibration[sensor], ...values };
  }
  const next: StoredConfig = {
    ...incoming,
    channels: channelsFor(nodeType, incoming.channels),
    mqtt: keep(incoming.mqtt) ? current.mqtt : incoming.mqtt,
    wifi: keep(incoming.wifi) ? current.wifi : incoming.wifi,
  };
  if (Object.keys(calibration).length > 0) next.calibration = calibration;
  return next;
}

function channelsFor(nodeType: ProfiledNodeType, sent: readonly ChannelEntry[]): ChannelEntry[] {
  const profile = FIRMWARE_NODE_PROFILES[nodeType];
  const firmware = profile.channels.map((ch) => toNodeChannel(ch) as ChannelEntry);
  switch (profile.channelPolicy) {
    case 'locked':
      return firmware;
    case 'adds_missing':
      return [...sent, ...firmware.filter((f) => !sent.some((s) => s.name === f.name))];
    case 'config':
      return [...sent];
  }
}

function sameIgnoringConnectivity(a: StoredConfig, b: StoredConfig): boolean {
  const strip = ({ mqtt: _m, wifi: _w, ...rest }: StoredConfig) => rest;
  return fingerprint(strip(a)) === fingerprint(strip(b));
}

/** Key-order-independent form for comparisons; configs too deep to canonicalise compare raw. */
function fingerprint(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return JSON.stringify(value);
  }
}

function sameNamespace(a: Namespace, b: Namespace): boolean {
  return a.gh === b.gh && a.zone === b.zone && a.node === b.node;
}

export interface ProvisioningInput {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
}

/**
 * What the Wi-Fi provisioning page writes (§8.2 step 3): temp ids, broker address, and the
 * firmware's own channel map so the first config_report already lists the hardware.
 */
export function provisionedConfig(
  nodeType: ProfiledNodeType,
  hardwareId: string,
  broker: ProvisioningInput,
): StoredConfig {
  const mqtt: Record<string, unknown> = { host: broker.host, port: broker.port, keepalive: 30 };
  if (broker.username !== undefined) mqtt.username = broker.username;
  if (broker.password !== undefined) mqtt.password = broker.password;
  return {
    node_id: hardwareId,
    version: 1,
    type: nodeType,
    gh_uid: TEMP_GH,
    zone_uid: TEMP_ZONE,
    channels: FIRMWARE_NODE_PROFILES[nodeType].channels.map(
      (ch) => toNodeChannel(ch) as ChannelEntry,
    ),
    wifi: { ssid: 'hydro-sim', pass: '' },
    mqtt: mqtt as StoredConfig['mqtt'],
  };
}

/** The top-level value wins; `fail_safe_guards.link_loss_timeout_sec` is the alternative (§4.6). */
export function linkLossTimeoutSec(config: StoredConfig): number {
  const nested = config.fail_safe_guards?.link_loss_timeout_sec;
  const value = config.link_loss_timeout_sec ?? (typeof nested === 'number' ? nested : 0);
  return value > 0 ? value : 0;
}
