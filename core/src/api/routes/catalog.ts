import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../access/audit.js';
import {
  CreateNutrientProductRequestSchema,
  CreatePlantRequestSchema,
  UpdateNutrientProductRequestSchema,
  UpdatePlantRequestSchema,
} from '../../contracts/catalog.js';
import type { CatalogEntries, CatalogFields } from '../../domain/catalog-service.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';
import type { DomainRouteDeps } from './greenhouses.js';

/** Plants and nutrient products: read with `view`, written with `recipes.edit`. */
export function registerCatalogRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  registerEntries(api, deps, '/api/plants', () => deps.domain().catalog.plants, {
    create: CreatePlantRequestSchema,
    update: UpdatePlantRequestSchema,
  });
  registerEntries(
    api,
    deps,
    '/api/nutrient-products',
    () => deps.domain().catalog.nutrientProducts,
    { create: CreateNutrientProductRequestSchema, update: UpdateNutrientProductRequestSchema },
  );
}

function registerEntries<R extends { id: number; createdAt: number; updatedAt: number }, V>(
  api: FastifyInstance,
  deps: DomainRouteDeps,
  base: string,
  service: () => CatalogEntries<R, V>,
  schemas: {
    create: z.ZodType<CatalogFields<R>>;
    update: z.ZodType<Partial<CatalogFields<R>>>;
  },
): void {
  api.get(base, (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await service().list());
    }),
  );

  api.get<{ Params: { id: string } }>(`${base}/:id`, (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await service().get(parseId(reply, request.params.id)));
    }),
  );

  api.post(base, (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'recipes.edit');
      const body = parseBody(reply, schemas.create, request.body);
      const created = await service().create(body, auditActor(principal));
      return reply.code(201).send({ status: 'ok', data: created });
    }),
  );

  api.patch<{ Params: { id: string } }>(`${base}/:id`, (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'recipes.edit');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, schemas.update, request.body);
      return sendOk(reply, await service().update(id, body, auditActor(principal)));
    }),
  );

  api.delete<{ Params: { id: string } }>(`${base}/:id`, (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'recipes.edit');
      const id = parseId(reply, request.params.id);
      await service().delete(id, auditActor(principal));
      return sendOk(reply, { id, deleted: true });
    }),
  );
}
