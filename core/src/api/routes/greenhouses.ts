import type { FastifyInstance } from 'fastify';
import { auditActor } from '../../access/audit.js';
import {
  CreateGreenhouseRequestSchema,
  UpdateGreenhouseRequestSchema,
} from '../../contracts/greenhouses.js';
import type { Domain } from '../../domain/domain.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

/** What the domain routes (greenhouses, zones, bindings, catalog, recipes, cycles) need. */
export interface DomainRouteDeps {
  secrets: AuthSecrets;
  domain: () => Domain;
}

/** Greenhouses (reference-backend-ui §2.2). */
export function registerGreenhouseRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  const greenhouses = () => deps.domain().greenhouses;

  api.get('/api/greenhouses', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await greenhouses().list());
    }),
  );

  api.get<{ Params: { id: string } }>('/api/greenhouses/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await greenhouses().get(parseId(reply, request.params.id)));
    }),
  );

  api.post('/api/greenhouses', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const body = parseBody(reply, CreateGreenhouseRequestSchema, request.body);
      const created = await greenhouses().create(body, auditActor(principal));
      return reply.code(201).send({ status: 'ok', data: created });
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/greenhouses/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateGreenhouseRequestSchema, request.body);
      return sendOk(reply, await greenhouses().update(id, body, auditActor(principal)));
    }),
  );

  api.delete<{ Params: { id: string } }>('/api/greenhouses/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const id = parseId(reply, request.params.id);
      await greenhouses().delete(id, auditActor(principal));
      return sendOk(reply, { id, deleted: true });
    }),
  );
}
