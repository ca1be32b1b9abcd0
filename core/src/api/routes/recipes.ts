import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditActor } from '../../access/audit.js';
import {
  CreateRecipePhaseRequestSchema,
  CreateRecipeRequestSchema,
  CreateRevisionRequestSchema,
  RecipePhaseInputSchema,
  UpdateRecipePhaseRequestSchema,
  UpdateRecipeRequestSchema,
  UpdateRevisionRequestSchema,
} from '../../contracts/recipes.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';
import type { DomainRouteDeps } from './greenhouses.js';

type WithId = { Params: { id: string } };

/** Recipes, revisions and phases (reference-backend-ui §2.6). */
export function registerRecipeRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  const recipes = () => deps.domain().recipes;
  const editor = editorOf(deps);

  api.get('/api/recipes', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await recipes().list());
    }),
  );

  api.get<WithId>('/api/recipes/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await recipes().get(parseId(reply, request.params.id)));
    }),
  );

  api.post('/api/recipes', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const body = parseBody(reply, CreateRecipeRequestSchema, request.body);
      return reply.code(201).send({ status: 'ok', data: await recipes().create(body, actor) });
    }),
  );

  api.patch<WithId>('/api/recipes/:id', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateRecipeRequestSchema, request.body);
      return sendOk(reply, await recipes().update(id, body, actor));
    }),
  );

  api.delete<WithId>('/api/recipes/:id', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      await recipes().delete(id, actor);
      return sendOk(reply, { id, deleted: true });
    }),
  );

  registerRevisionRoutes(api, deps);
}

/** Who is editing: the caller, who must hold recipes.edit. */
function editorOf(deps: DomainRouteDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) =>
    auditActor(await requireCapability(request, reply, deps.secrets, 'recipes.edit'));
}

/** Revisions (draft, publish, archive) and their phases. */
function registerRevisionRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  const recipes = () => deps.domain().recipes;
  const editor = editorOf(deps);

  api.post<WithId>('/api/recipes/:id/revisions', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, CreateRevisionRequestSchema, request.body);
      const created = await recipes().createRevision(id, body, actor);
      return reply.code(201).send({ status: 'ok', data: created });
    }),
  );

  api.get<WithId>('/api/recipe-revisions/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await recipes().getRevision(parseId(reply, request.params.id)));
    }),
  );

  api.patch<WithId>('/api/recipe-revisions/:id', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, UpdateRevisionRequestSchema, request.body);
      return sendOk(reply, await recipes().updateRevision(id, body, actor));
    }),
  );

  api.post<WithId>('/api/recipe-revisions/:id/publish', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      return sendOk(reply, await recipes().publish(parseId(reply, request.params.id), actor));
    }),
  );

  api.post<WithId>('/api/recipe-revisions/:id/archive', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      return sendOk(reply, await recipes().archive(parseId(reply, request.params.id), actor));
    }),
  );

  api.post<WithId>('/api/recipe-revisions/:id/phases', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, CreateRecipePhaseRequestSchema, request.body);
      return reply
        .code(201)
        .send({ status: 'ok', data: await recipes().addPhase(id, body, actor) });
    }),
  );

  // A partial update is merged over the stored phase, then the whole phase is validated, so the
  // cross-field rules (targets inside bands, ratios summing to 100) always hold.
  api.patch<WithId>('/api/recipe-revision-phases/:id', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      const patch = parseBody(reply, UpdateRecipePhaseRequestSchema, request.body);
      const { id: _id, revision_id: _revision, ...current } = await recipes().getPhase(id);
      const merged = parseBody(reply, RecipePhaseInputSchema, { ...current, ...patch });
      return sendOk(reply, await recipes().updatePhase(id, merged, actor));
    }),
  );

  api.delete<WithId>('/api/recipe-revision-phases/:id', (request, reply) =>
    handle(reply, async () => {
      const actor = await editor(request, reply);
      const id = parseId(reply, request.params.id);
      await recipes().deletePhase(id, actor);
      return sendOk(reply, { id, deleted: true });
    }),
  );
}
