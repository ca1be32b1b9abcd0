import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActor } from '../../access/audit.js';
import { BindingRoleSchema, PutBindingRequestSchema } from '../../contracts/bindings.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';
import type { DomainRouteDeps } from './greenhouses.js';

const RoleParamSchema = z.object({ role: BindingRoleSchema });

/** Channel role bindings of a zone (reference-backend-ui §2.5). */
export function registerBindingRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  const bindings = () => deps.domain().bindings;

  api.get<{ Params: { id: string } }>('/api/zones/:id/bindings', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await bindings().list(parseId(reply, request.params.id)));
    }),
  );

  api.put<{ Params: { id: string; role: string } }>(
    '/api/zones/:id/bindings/:role',
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(
          request,
          reply,
          deps.secrets,
          'devices.configure',
        );
        const id = parseId(reply, request.params.id);
        const { role } = parseBody(reply, RoleParamSchema, { role: request.params.role });
        const body = parseBody(reply, PutBindingRequestSchema, request.body);
        return sendOk(reply, await bindings().put(id, role, body, auditActor(principal)));
      }),
  );

  api.delete<{ Params: { id: string; role: string } }>(
    '/api/zones/:id/bindings/:role',
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(
          request,
          reply,
          deps.secrets,
          'devices.configure',
        );
        const id = parseId(reply, request.params.id);
        const { role } = parseBody(reply, RoleParamSchema, { role: request.params.role });
        await bindings().remove(id, role, auditActor(principal));
        return sendOk(reply, { zone_id: id, role, deleted: true });
      }),
  );
}
