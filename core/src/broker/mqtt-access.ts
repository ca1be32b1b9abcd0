/**
 * Who may do what on the embedded broker (architecture.md §8, reference-protocol.md §1, §12):
 * a factory-fresh node may only announce itself and use the temp namespace of its own hardware
 * id; a bound node only its own uplinks and its own config and commands; only the core (service
 * account) publishes commands and configs. Pure functions: the Aedes hooks call them.
 */
export type AccessMode = 'default' | 'onboarding' | 'open';

/** The current namespace of a bound node, looked up on every check because rebinds move it. */
export interface NodeNamespace {
  uid: string;
  hardwareId: string;
  gh: string;
  zone: string;
  /** The namespace of a bind in progress: the node moves there before it confirms. */
  pending: { gh: string; zone: string } | null;
}

export type MqttPrincipal =
  | { kind: 'service' }
  | { kind: 'node'; uid: string }
  | { kind: 'anonymous'; hardwareId: string | null }
  | { kind: 'open' };

export interface AccessDeps {
  mode: AccessMode;
  servicePassword: string;
  onboardingPassword: string | undefined;
  /** Bound-node credentials: the node uid when the password matches. */
  verifyNode(username: string, password: string): string | null;
  nodeNamespace(uid: string): NodeNamespace | null;
}

export const SERVICE_USERNAME = 'hydro-core';
export const ONBOARDING_USERNAME = 'onboarding';
const TEMP = 'hydro/gh-temp/zn-temp';
const HARDWARE_CLIENT_ID = /^esp32-[0-9a-f]{12}$/;
const NODE_UPLINKS = [
  'heartbeat',
  'status',
  'lwt',
  'config_report',
  'error',
  'diagnostics',
  'node_hello',
];
const CHANNEL_UPLINKS = ['telemetry', 'command_response', 'event'];

/** Decide who a connecting client is, or null to refuse it (bad credentials). */
export function authenticate(
  deps: AccessDeps,
  clientId: string,
  username: string | undefined,
  password: string | undefined,
): MqttPrincipal | null {
  if (username === SERVICE_USERNAME)
    return password === deps.servicePassword ? { kind: 'service' } : null;
  if (deps.mode === 'open') return { kind: 'open' };
  if (username !== undefined && username !== ONBOARDING_USERNAME) {
    const uid = deps.verifyNode(username, password ?? '');
    return uid ? { kind: 'node', uid } : null;
  }
  if (deps.mode === 'onboarding') {
    const ok =
      username === ONBOARDING_USERNAME &&
      password !== undefined &&
      password === deps.onboardingPassword;
    if (!ok) return null;
  }
  return { kind: 'anonymous', hardwareId: HARDWARE_CLIENT_ID.test(clientId) ? clientId : null };
}

export function canPublish(deps: AccessDeps, principal: MqttPrincipal, topic: string): boolean {
  if (principal.kind === 'service' || principal.kind === 'open') return true;
  if (topic === 'hydro/node_hello' || topic === 'hydro/time/request') return true;
  return ownNamespaces(deps, principal).some((prefix) => isUplink(prefix, topic));
}

export function canSubscribe(deps: AccessDeps, principal: MqttPrincipal, filter: string): boolean {
  if (principal.kind === 'service' || principal.kind === 'open') return true;
  if (filter === 'hydro/time/response') return true;
  return ownNamespaces(deps, principal).some(
    (prefix) => filter === `${prefix}/config` || coveredBy(filter, `${prefix}/+/command`),
  );
}

function ownNamespaces(deps: AccessDeps, principal: MqttPrincipal): string[] {
  if (principal.kind === 'anonymous')
    return principal.hardwareId ? [`${TEMP}/${principal.hardwareId}`] : [];
  if (principal.kind !== 'node') return [];
  const ns = deps.nodeNamespace(principal.uid);
  if (!ns) return [];
  // A bound node still listens on its temp topics (rebind arrives there) and falls back to them on unbind.
  const own = [`hydro/${ns.gh}/${ns.zone}/${ns.uid}`, `${TEMP}/${ns.hardwareId}`];
  if (ns.pending) own.push(`hydro/${ns.pending.gh}/${ns.pending.zone}/${ns.uid}`);
  return own;
}

function isUplink(prefix: string, topic: string): boolean {
  if (!topic.startsWith(`${prefix}/`)) return false;
  const rest = topic.slice(prefix.length + 1).split('/');
  if (rest.length === 1) return NODE_UPLINKS.includes(rest[0]!);
  return rest.length === 2 && isSegment(rest[0]!) && CHANNEL_UPLINKS.includes(rest[1]!);
}

/** True when every topic the filter matches is also matched by `allowed` (single-level `+` only). */
function coveredBy(filter: string, allowed: string): boolean {
  const f = filter.split('/');
  const a = allowed.split('/');
  if (f.length !== a.length) return false;
  return f.every((segment, i) => {
    const rule = a[i]!;
    if (rule === '+') return segment === '+' || isSegment(segment);
    return segment === rule;
  });
}

function isSegment(segment: string): boolean {
  return /^[a-z0-9][a-z0-9_-]*$/.test(segment) && segment.length <= 64;
}
