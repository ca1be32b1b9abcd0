import type { FastifyInstance } from 'fastify';
import type { Health } from '../../contracts/health.js';
import { sendOk } from '../envelope.js';

/** Health is public: the desktop shell, the login page and monitors read it before sign-in. */
export function registerSystemRoutes(api: FastifyInstance, deps: { health: () => Health }): void {
  api.get('/api/health', (_request, reply) => sendOk(reply, deps.health()));
}
