import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sendError } from './envelope.js';

export interface HostPolicy {
  /** The address the server listens on. */
  bind: string;
  /** LAN access: a phone or PC on the LAN may reach the API by the controller's IP address. */
  lan: boolean;
  /** Names the API also answers to (e.g. `hydro.lan`); a port, if given, is ignored. */
  allowedHosts: readonly string[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a bind address keeps the server on this machine. */
export function isLoopbackBind(bind: string): boolean {
  return LOOPBACK_HOSTS.has(bracketed(bind.toLowerCase())) || bind.startsWith('127.');
}

/**
 * Defences for a server that browsers on this machine can reach:
 * - DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 sends
 *   `Host: evil.example`, so only known names (loopback, the bound address, configured names,
 *   and IP literals when LAN access is on) are answered (421).
 * - Cross-site requests: a mutating request or a WebSocket upgrade whose Origin is not this
 *   server's own is refused (403); SameSite=Strict cookies already keep sessions off them, but
 *   the desktop window's cookie and future cookies must not depend on that alone.
 */
export function installRequestGuards(app: FastifyInstance, configured: HostPolicy): void {
  const policy = {
    ...configured,
    allowedHosts: configured.allowedHosts.map((h) => hostnameOf(h)).filter((h) => h !== null),
  };
  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host;
    if (!hostAllowed(host, policy)) {
      return sendError(reply, 421, {
        code: 'host_not_allowed',
        message: `This server does not answer to the host name ${host ?? '(none)'}; add it to http.allowedHosts to allow it`,
      });
    }
    const origin = request.headers.origin;
    const upgrade = request.headers.upgrade?.toLowerCase() === 'websocket';
    if (origin !== undefined && (upgrade || !SAFE_METHODS.has(request.method))) {
      if (!sameHost(origin, host!)) {
        return sendError(reply, 403, {
          code: 'origin_not_allowed',
          message: 'Requests from another site are not allowed',
        });
      }
    }
    return undefined;
  });
}

export function hostAllowed(header: string | undefined, policy: HostPolicy): boolean {
  const hostname = header ? hostnameOf(header) : null;
  if (hostname === null) return false;
  if (LOOPBACK_HOSTS.has(hostname)) return true;
  const bind = bracketed(policy.bind.toLowerCase());
  if (!WILDCARD_BINDS.has(bind) && hostname === bind) return true;
  if (policy.allowedHosts.includes(hostname)) return true;
  return policy.lan && isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** `Example.com:8080` → `example.com`, `[::1]:80` → `[::1]`; null when it is not a host. */
function hostnameOf(host: string): string | null {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return null;
  }
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === new URL(`http://${host}`).host;
  } catch {
    return false;
  }
}

/** URLs write IPv6 literals in brackets; config may not. */
function bracketed(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}
