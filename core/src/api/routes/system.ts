import type { FastifyInstance } from 'fastify';
import type { Health } from '../../contracts/health.js';
import { resolvePrincipal, type AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';

export function registerSystemRoutes(
  api: FastifyInstance,
  deps: { health: () => Health; secrets: AuthSecrets },
): void {
  api.get('/api/health', (_request, reply) => sendOk(reply, deps.health()));

  api.get('/api/auth/me', (request, reply) => {
    const principal = resolvePrincipal(request, deps.secrets);
    if (!principal)
      return sendError(reply, 401, { code: 'unauthenticated', message: 'Not signed in' });
    return sendOk(reply, principal);
  });
}
