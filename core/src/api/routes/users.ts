import type { FastifyInstance } from 'fastify';
import type { AccessService } from '../../access/access-service.js';
import {
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  type UserView,
} from '../../contracts/users.js';
import type { UserRecord } from '../../storage/access-types.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface UserRouteDeps {
  secrets: AuthSecrets;
  access: AccessService;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Never the password hash. */
export const userView = (u: UserRecord): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  created_at: iso(u.createdAt),
  updated_at: iso(u.updatedAt),
});

/** User administration (reference §2.13), admins only. */
export function registerUserRoutes(api: FastifyInstance, deps: UserRouteDeps): void {
  const { accounts } = deps.access;

  api.get('/api/users', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      return sendOk(reply, (await accounts.list()).map(userView));
    }),
  );

  api.post('/api/users', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'system.admin');
      const body = parseBody(reply, CreateUserRequestSchema, request.body);
      const user = await accounts.create(body, principal);
      return reply.code(201).send({ status: 'ok', data: userView(user) });
    }),
  );

  api.get<{ Params: { id: string } }>('/api/users/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      return sendOk(reply, userView(await accounts.get(parseId(reply, request.params.id))));
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/users/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'system.admin');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateUserRequestSchema, request.body);
      return sendOk(reply, userView(await accounts.update(id, body, principal)));
    }),
  );

  api.delete<{ Params: { id: string } }>('/api/users/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'system.admin');
      const id = parseId(reply, request.params.id);
      await accounts.delete(id, principal);
      return sendOk(reply, { id, deleted: true });
    }),
  );
}
