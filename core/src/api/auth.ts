import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DESKTOP_SESSION_COOKIE, type Principal } from '../contracts/auth.js';

export interface AuthSecrets {
  apiToken?: string;
  desktopToken?: string;
}

/**
 * Who is calling. The desktop window carries a session cookie its Electron host set; scripts use
 * the static `HYDRO_API_TOKEN`. User accounts and roles arrive with the access-control work.
 */
export function resolvePrincipal(request: FastifyRequest, secrets: AuthSecrets): Principal | null {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer && secrets.apiToken && safeEqual(bearer, secrets.apiToken)) {
    return { name: 'api-token', role: 'admin', via: 'token' };
  }
  const session = readCookie(request.headers.cookie, DESKTOP_SESSION_COOKIE);
  if (session && secrets.desktopToken && safeEqual(session, secrets.desktopToken)) {
    return { name: 'local-admin', role: 'admin', via: 'desktop' };
  }
  return null;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
