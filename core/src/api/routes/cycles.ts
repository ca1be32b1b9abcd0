import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../access/audit.js';
import {
  CreateCycleRequestSchema,
  CycleActionRequestSchema,
  CycleListQuerySchema,
  HarvestCycleRequestSchema,
  SetPhaseRequestSchema,
  StartCycleRequestSchema,
} from '../../contracts/cycles.js';
import type { CycleAction } from '../../domain/cycle-machine.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';
import type { DomainRouteDeps } from './greenhouses.js';

type WithId = { Params: { id: string } };

const ms = (isoTime: string | undefined) =>
  isoTime === undefined ? undefined : Date.parse(isoTime);

/** Each action route: its body schema and the state-machine action it maps to. */
const ACTIONS: {
  path: string;
  schema: z.ZodType<{ comment?: string | undefined }>;
  action: (body: never) => CycleAction;
}[] = [
  {
    path: 'start',
    schema: StartCycleRequestSchema,
    action: (b: z.output<typeof StartCycleRequestSchema>) => ({
      type: 'start',
      plantingAt: ms(b.planting_at),
    }),
  },
  { path: 'pause', schema: CycleActionRequestSchema, action: () => ({ type: 'pause' }) },
  { path: 'resume', schema: CycleActionRequestSchema, action: () => ({ type: 'resume' }) },
  { path: 'advance-phase', schema: CycleActionRequestSchema, action: () => ({ type: 'advance' }) },
  {
    path: 'set-phase',
    schema: SetPhaseRequestSchema,
    action: (b: z.output<typeof SetPhaseRequestSchema>) => ({
      type: 'set_phase',
      phaseIndex: b.phase_index,
    }),
  },
  {
    path: 'harvest',
    schema: HarvestCycleRequestSchema,
    action: (b: z.output<typeof HarvestCycleRequestSchema>) => ({
      type: 'harvest',
      actualHarvestAt: ms(b.actual_harvest_at),
      yieldKg: b.yield_kg,
    }),
  },
  { path: 'abort', schema: CycleActionRequestSchema, action: () => ({ type: 'abort' }) },
];

/** Grow cycles (reference-backend-ui §2.7). */
export function registerCycleRoutes(api: FastifyInstance, deps: DomainRouteDeps): void {
  const cycles = () => deps.domain().cycles;

  api.get('/api/grow-cycles', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const query = parseBody(reply, CycleListQuerySchema, request.query);
      return sendOk(reply, await cycles().list({ zoneId: query.zone_id, status: query.status }));
    }),
  );

  api.get<WithId>('/api/grow-cycles/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await cycles().get(parseId(reply, request.params.id)));
    }),
  );

  api.get<WithId>('/api/zones/:id/grow-cycle', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await cycles().active(parseId(reply, request.params.id)));
    }),
  );

  api.post<WithId>('/api/zones/:id/grow-cycles', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'cycles.manage');
      const zoneId = parseId(reply, request.params.id);
      const body = parseBody(reply, CreateCycleRequestSchema, request.body);
      const created = await cycles().create(zoneId, body, auditActor(principal));
      return reply.code(201).send({ status: 'ok', data: created });
    }),
  );

  for (const { path, schema, action } of ACTIONS) {
    api.post<WithId>(`/api/grow-cycles/:id/${path}`, (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(request, reply, deps.secrets, 'cycles.manage');
        const id = parseId(reply, request.params.id);
        const body = parseBody(reply, schema, request.body);
        const detail = await cycles().act(
          id,
          action(body as never),
          auditActor(principal),
          body.comment ?? null,
        );
        return sendOk(reply, detail);
      }),
    );
  }
}
