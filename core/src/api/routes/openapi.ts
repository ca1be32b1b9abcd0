import type { FastifyInstance } from 'fastify';
import { readVersion } from '../../runtime/version.js';
import type { AuthSecrets } from '../auth.js';
import { handle, requireCapability } from '../guards.js';
import { openApiDocument } from '../openapi.js';
import { API_ROUTES } from '../openapi-routes.js';

/** `GET /api/openapi.json`: the OpenAPI 3.1 document of every route (core/src/api/openapi-routes.ts). */
export function registerOpenApiRoutes(api: FastifyInstance, deps: { secrets: AuthSecrets }): void {
  let document: string | undefined;
  api.get('/api/openapi.json', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      // Built on first use: the routes are fixed once the server runs.
      document ??= JSON.stringify(openApiDocument(API_ROUTES, readVersion()));
      return reply.type('application/json; charset=utf-8').send(document);
    }),
  );
}
