import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../access/secrets.js';
import { DESKTOP_SESSION_COOKIE, SESSION_COOKIE, type Principal } from '../contracts/auth.js';

/** Looks up user accounts by the secrets they hold (access/authenticator.ts implements it). */
export interface AccountLookup {
  bySessionSecret(secret: string): Promise<Principal | null>;
  byApiTokenSecret(secret: string): Promise<Principal | null>;
}

/** What the guards need to tell who is calling. */
export interface AuthSecrets {
  /** HYDRO_API_TOKEN: the static admin bearer token for scripts. */
  apiToken?: string | undefined;
  /** HYDRO_DESKTOP_TOKEN: the desktop window's cookie value (the local admin). */
  desktopToken?: string | undefined;
  /** User accounts: login sessions and personal tokens. */
  accounts?: AccountLookup | undefined;
}

/** One resolution per request, however many guards ask (it may cost database reads). */
const resolved = new WeakMap<FastifyRequest, Promise<Principal | null>>();

/**
 * Who is calling, in this order: the static API token, a per-user bearer token (personal token
 * or login session), the desktop window's cookie, a login session cookie. A bearer header that
 * matches nothing is refused outright rather than falling back to cookies.
 */
export function resolvePrincipal(
  request: FastifyRequest,
  secrets: AuthSecrets,
): Promise<Principal | null> {
  let principal = resolved.get(request);
  if (!principal) {
    principal = resolve(request, secrets);
    resolved.set(request, principal);
  }
  return principal;
}

/**
 * Who is calling now, asked again rather than remembered for the request: a long-lived socket
 * uses it to notice an ended session or a changed role.
 */
export function recheckPrincipal(
  request: FastifyRequest,
  secrets: AuthSecrets,
): Promise<Principal | null> {
  return resolve(request, secrets);
}

async function resolve(request: FastifyRequest, secrets: AuthSecrets): Promise<Principal | null> {
  const bearer = bearerToken(request);
  if (bearer !== undefined) {
    if (secrets.apiToken && safeEqual(bearer, secrets.apiToken)) {
      return { name: 'api-token', role: 'admin', via: 'token', user_id: null };
    }
    return (
      (await secrets.accounts?.byApiTokenSecret(bearer)) ??
      (await secrets.accounts?.bySessionSecret(bearer)) ??
      null
    );
  }
  const desktop = readCookie(request.headers.cookie, DESKTOP_SESSION_COOKIE);
  if (desktop && secrets.desktopToken && safeEqual(desktop, secrets.desktopToken)) {
    return { name: 'local-admin', role: 'admin', via: 'desktop', user_id: null };
  }
  const session = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (session) return (await secrets.accounts?.bySessionSecret(session)) ?? null;
  return null;
}

/** The secret this request authenticated with as a user (bearer first, else session cookie). */
export function presentedUserSecret(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? readCookie(request.headers.cookie, SESSION_COOKIE);
}

function bearerToken(request: FastifyRequest): string | undefined {
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The login session cookie: HttpOnly (page scripts cannot read it), SameSite=Strict (no
 * cross-site request carries it), Secure when the request came over TLS. No Max-Age: the server
 * ends idle sessions, and the browser drops the cookie when it closes.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
): void {
  reply.header('set-cookie', sessionCookie(request, encodeURIComponent(secret)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', `${sessionCookie(request, '')}; Max-Age=0`);
}

function sessionCookie(request: FastifyRequest, value: string): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${secure}`;
}
