import {
  HARDWARE_ID_PATTERN,
  TEMP_GH,
  TEMP_ZONE,
  isTopicSegment,
} from '../contracts/mqtt/identifiers.js';
import type { NodeType } from '../contracts/mqtt/enums.js';
import { ProtocolError } from './errors.js';

export { TEMP_GH, TEMP_ZONE };

export const TOPIC_ROOT = 'hydro';
export const NODE_HELLO_TOPIC = 'hydro/node_hello';
export const TIME_REQUEST_TOPIC = 'hydro/time/request';
export const TIME_RESPONSE_TOPIC = 'hydro/time/response';

/** `hydro/{gh}/{zone}/{node}/{kind}` (§3). */
export const NODE_TOPIC_KINDS = [
  'status',
  'lwt',
  'heartbeat',
  'node_hello',
  'config',
  'config_report',
  'error',
  'diagnostics',
] as const;
export type NodeTopicKind = (typeof NODE_TOPIC_KINDS)[number];

/** `hydro/{gh}/{zone}/{node}/{channel}/{kind}` (§3). */
export const CHANNEL_TOPIC_KINDS = ['telemetry', 'command', 'command_response', 'event'] as const;
export type ChannelTopicKind = (typeof CHANNEL_TOPIC_KINDS)[number];

export type GlobalTopicKind = 'node_hello' | 'time_request' | 'time_response';

/** Where a node publishes and listens. In the temp namespace `node` is its hardware id. */
export interface Namespace {
  readonly gh: string;
  readonly zone: string;
  readonly node: string;
}

export type ParsedTopic =
  | { readonly scope: 'global'; readonly kind: GlobalTopicKind }
  | (Namespace & { readonly scope: 'node'; readonly kind: NodeTopicKind; readonly temp: boolean })
  | (Namespace & {
      readonly scope: 'channel';
      readonly channel: string;
      readonly kind: ChannelTopicKind;
      readonly temp: boolean;
    });

/** Backend subscriptions, exactly those of the reference (§1); never `hydro/#`. */
export const BACKEND_SUBSCRIPTIONS: readonly string[] = [
  'hydro/+/+/+/+/telemetry',
  'hydro/+/+/+/heartbeat',
  'hydro/+/+/+/status',
  'hydro/+/+/+/lwt',
  'hydro/+/+/+/diagnostics',
  'hydro/+/+/+/error',
  NODE_HELLO_TOPIC,
  'hydro/+/+/+/node_hello',
  'hydro/+/+/+/config_report',
  'hydro/+/+/+/+/command_response',
  'hydro/+/+/+/+/event',
  TIME_REQUEST_TOPIC,
];

const GLOBAL_TOPICS: ReadonlyMap<string, GlobalTopicKind> = new Map([
  [NODE_HELLO_TOPIC, 'node_hello'],
  [TIME_REQUEST_TOPIC, 'time_request'],
  [TIME_RESPONSE_TOPIC, 'time_response'],
]);

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export function isTempNamespace(ns: Pick<Namespace, 'gh' | 'zone'>): boolean {
  return ns.gh === TEMP_GH && ns.zone === TEMP_ZONE;
}

export function tempNamespace(hardwareId: string): Namespace {
  return { gh: TEMP_GH, zone: TEMP_ZONE, node: hardwareId };
}

/**
 * Reads a topic of the node protocol, or returns null for anything else: other roots, wrong
 * segment counts, unknown kinds, or segments that are not lowercase ids (which also rules out
 * the wildcards `+` and `#`).
 */
export function parseTopic(topic: string): ParsedTopic | null {
  const global = GLOBAL_TOPICS.get(topic);
  if (global !== undefined) return { scope: 'global', kind: global };
  const segments = topic.split('/');
  const [root, gh, zone, node, fifth, sixth] = segments;
  if (root !== TOPIC_ROOT || gh === undefined || zone === undefined || node === undefined) {
    return null;
  }
  if (fifth === undefined || ![gh, zone, node].every(isTopicSegment)) return null;
  const temp = isTempNamespace({ gh, zone });
  if (segments.length === 5) {
    return isOneOf(NODE_TOPIC_KINDS, fifth)
      ? { scope: 'node', gh, zone, node, kind: fifth, temp }
      : null;
  }
  if (segments.length === 6 && sixth !== undefined && isTopicSegment(fifth)) {
    return isOneOf(CHANNEL_TOPIC_KINDS, sixth)
      ? { scope: 'channel', gh, zone, node, channel: fifth, kind: sixth, temp }
      : null;
  }
  return null;
}

function checkSegments(segments: Record<string, string>): void {
  for (const [name, value] of Object.entries(segments)) {
    if (!isTopicSegment(value)) {
      throw new ProtocolError('invalid_topic', `${name} "${value}" is not a topic segment`);
    }
  }
}

export function nodeTopic(ns: Namespace, kind: NodeTopicKind): string {
  checkSegments({ gh: ns.gh, zone: ns.zone, node: ns.node });
  return `${TOPIC_ROOT}/${ns.gh}/${ns.zone}/${ns.node}/${kind}`;
}

export function channelTopic(ns: Namespace, channel: string, kind: ChannelTopicKind): string {
  checkSegments({ gh: ns.gh, zone: ns.zone, node: ns.node, channel });
  return `${TOPIC_ROOT}/${ns.gh}/${ns.zone}/${ns.node}/${channel}/${kind}`;
}

/**
 * What a reference node subscribes to on every connect (§1): config and commands of its current
 * namespace and, always, of the temp namespace of its hardware id, plus time responses. While
 * unbound both namespaces are the same; the duplicates are dropped.
 */
export function nodeSubscriptions(ns: Namespace, hardwareId: string): string[] {
  const temp = tempNamespace(hardwareId);
  const filters = [
    nodeTopic(ns, 'config'),
    nodeTopic(temp, 'config'),
    `${TOPIC_ROOT}/${ns.gh}/${ns.zone}/${ns.node}/+/command`,
    `${TOPIC_ROOT}/${TEMP_GH}/${TEMP_ZONE}/${hardwareId}/+/command`,
    TIME_RESPONSE_TOPIC,
  ];
  return [...new Set(filters)];
}

/** MQTT 3.1.1 topic filter matching (`+` one level, `#` the rest). */
export function matchesTopicFilter(filter: string, topic: string): boolean {
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (const [i, level] of filterLevels.entries()) {
    if (level === '#') return true;
    const actual = topicLevels[i];
    if (actual === undefined || (level !== '+' && level !== actual)) return false;
  }
  return filterLevels.length === topicLevels.length;
}

/** uid prefixes of nodes registered from `node_hello` (§2). */
export const NODE_UID_PREFIXES: Readonly<Record<NodeType, string>> = {
  ph: 'ph',
  ec: 'ec',
  climate: 'clim',
  irrig: 'irr',
  light: 'light',
  relay: 'relay',
  water_sensor: 'water',
  recirculation: 'recirc',
  unknown: 'node',
};

const MAX_UID_ATTEMPTS = 1000;

/**
 * `nd-{prefix}-{mac12}` for a newly registered node, with `-2`, `-3`, … appended while `taken`
 * says the uid is in use.
 */
export function nodeUidFor(
  type: NodeType,
  hardwareId: string,
  taken: (uid: string) => boolean,
): string {
  if (!HARDWARE_ID_PATTERN.test(hardwareId)) {
    throw new ProtocolError('invalid_identifier', `"${hardwareId}" is not esp32-<12 hex digits>`);
  }
  const base = `nd-${NODE_UID_PREFIXES[type]}-${hardwareId.slice('esp32-'.length)}`;
  if (!taken(base)) return base;
  for (let n = 2; n <= MAX_UID_ATTEMPTS; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
  throw new ProtocolError('invalid_identifier', `no free uid left for ${hardwareId}`);
}
