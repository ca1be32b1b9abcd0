import type { FastifyInstance } from 'fastify';
import { auditActor } from '../../access/audit.js';
import {
  ControlModeRequestSchema,
  CreateZoneRequestSchema,
  UpdateZoneRequestSchema,
  ZoneListQuerySchema,
} from '../../contracts/zones.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';
import type { Automation } from '../../automation/create-automation.js';
import type { DomainRouteDeps } from './greenhouses.js';

/** Zones: CRUD, control mode, effective targets (reference-backend-ui §2.3). */
export function registerZoneRoutes(
  api: FastifyInstance,
  deps: DomainRouteDeps & { automation: () => Automation },
): void {
  const zones = () => deps.domain().zones;

  api.get('/api/zones', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const query = parseBody(reply, ZoneListQuerySchema, request.query);
      return sendOk(reply, await zones().list({ greenhouseId: query.greenhouse_id }));
    }),
  );

  api.get<{ Params: { id: string } }>('/api/zones/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await zones().get(parseId(reply, request.params.id)));
    }),
  );

  api.post('/api/zones', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const body = parseBody(reply, CreateZoneRequestSchema, request.body);
      const created = await zones().create(body, auditActor(principal));
      return reply.code(201).send({ status: 'ok', data: created });
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/zones/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateZoneRequestSchema, request.body);
      return sendOk(reply, await zones().update(id, body, auditActor(principal)));
    }),
  );

  api.delete<{ Params: { id: string } }>('/api/zones/:id', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'setup.edit');
      const id = parseId(reply, request.params.id);
      await zones().delete(id, auditActor(principal));
      return sendOk(reply, { id, deleted: true });
    }),
  );

  api.patch<{ Params: { id: string } }>('/api/zones/:id/control-mode', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'commands.send');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, ControlModeRequestSchema, request.body);
      // reference-domain §8.1: an operator may stop automation (manual, with a reason) but only
      // agronomists, engineers and admins may hand the zone back to it.
      if (principal.role === 'operator' && body.control_mode !== 'manual')
        return sendError(reply, 403, {
          code: 'forbidden',
          message: 'An operator may only switch a zone to manual',
        });
      if (principal.role === 'operator' && body.reason === undefined)
        return sendError(reply, 422, {
          code: 'validation_failed',
          message: 'The request is invalid',
          errors: { reason: ['required when an operator switches to manual'] },
        });
      const from = (await zones().get(id)).control_mode;
      const zone = await zones().setControlMode(
        id,
        body.control_mode,
        body.reason ?? null,
        auditActor(principal),
      );
      // The runtime parks or resumes the zone's task and puts the change on the timeline.
      if (from !== zone.control_mode)
        await deps.automation().engine.controlModeChanged(id, from, zone.control_mode, {
          user: auditActor(principal),
          reason: body.reason ?? null,
        });
      return sendOk(reply, zone);
    }),
  );

  api.get<{ Params: { id: string } }>('/api/zones/:id/effective-targets', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await zones().effectiveTargets(parseId(reply, request.params.id)));
    }),
  );
}
