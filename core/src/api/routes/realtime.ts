import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../contracts/auth.js';
import { can } from '../../contracts/capabilities.js';
import type { Health } from '../../contracts/health.js';
import type { Clock } from '../../runtime/clock.js';
import { REALTIME_PATH } from '../../contracts/realtime.js';
import { recheckPrincipal, resolvePrincipal, type AuthSecrets } from '../auth.js';
import { sendError } from '../envelope.js';
import type { RealtimeHub } from '../realtime-hub.js';

/** How often an open socket's caller is checked again. */
const RECHECK_MS = 60_000;
/** Close code (application range) telling the client to sign in again rather than reconnect. */
export const SESSION_ENDED = 4401;

/**
 * The realtime socket, for signed-in callers only. A page from another origin must not read a
 * controller's live state: the request guards refuse an upgrade whose Origin is not this
 * server's (request-guards.ts), before it gets here.
 */
export function registerRealtime(
  api: FastifyInstance,
  hub: RealtimeHub,
  deps: { health: () => Health; secrets: AuthSecrets; clock: Clock },
): void {
  const { health, secrets, clock } = deps;
  // The socket handler must attach synchronously (or early messages are lost), so the caller
  // resolved here is kept for it.
  const principals = new WeakMap<FastifyRequest, Principal>();
  // Checked before the upgrade: an anonymous client gets a plain 401, never a socket.
  const signedIn = async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = await resolvePrincipal(request, secrets);
    if (principal) principals.set(request, principal);
    else await sendError(reply, 401, { code: 'unauthenticated', message: 'Sign in first' });
  };
  api.get<{ Querystring: { after_id?: string } }>(
    REALTIME_PATH,
    { websocket: true, preValidation: signedIn },
    (socket, request) => {
      let principal = principals.get(request);
      // ?after_id=N: replay the state events missed since N first (contracts/events.ts).
      const afterId = /^\d+$/.test(request.query.after_id ?? '')
        ? Number(request.query.after_id)
        : undefined;
      hub.attach(socket, [{ channel: 'hydro.system', event: 'system.health', data: health() }], {
        allows: (capability) => principal !== undefined && can(principal.role, capability),
        ...(afterId === undefined ? {} : { afterId }),
      });
      // A socket must not outlive its session: who is calling is checked again from time to
      // time, a changed role applies to the next event and an ended session closes the socket.
      const recheck = clock.setInterval(() => {
        recheckPrincipal(request, secrets)
          .then((current) => {
            if (current) principal = current;
            else socket.close(SESSION_ENDED, 'session ended');
          })
          .catch(() => undefined);
      }, RECHECK_MS);
      socket.on('close', () => recheck.cancel());
    },
  );
}
