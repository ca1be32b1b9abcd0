import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { auditActor } from '../../access/audit.js';
import type { Automation } from '../../automation/create-automation.js';
import { StoreZoneIo } from '../../automation/runtime/store-zone-io.js';
import { taskView } from '../../automation/runtime/task-view.js';
import { workflowFor } from '../../automation/runtime/workflows/index.js';
import { zoneState } from '../../automation/runtime/zone-state.js';
import {
  EmergencyStopRequestSchema,
  ManualStepRequestSchema,
  StartIrrigationRequestSchema,
  StartTaskRequestSchema,
  ZoneTasksQuerySchema,
  type EmergencyStopResult,
  type ManualStepResult,
  type StartedTask,
} from '../../contracts/automation.js';
import type { Principal } from '../../contracts/auth.js';
import type { DevicesService } from '../../devices/devices-service.js';
import type { Domain } from '../../domain/domain.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { TaskKind } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface ZoneAutomationRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  automation: () => Automation;
  domain: () => Domain;
  devices: () => DevicesService;
  clock: Clock;
  logger: Logger;
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/**
 * The zone runtime's operator API (reference-backend-ui §2.3): start tasks, operator steps, the
 * software E-stop, the runtime state and the task history. Every start goes through the engine,
 * which keeps one task per zone (409 `zone_busy`).
 */
export function registerZoneAutomationRoutes(
  api: FastifyInstance,
  deps: ZoneAutomationRouteDeps,
): void {
  const engine = () => deps.automation().engine;

  api.post('/api/zones/:id/start-cycle', startRoute(deps, 'cycle_start', StartTaskRequestSchema));
  api.post(
    '/api/zones/:id/start-irrigation',
    startRoute(deps, 'irrigation', StartIrrigationRequestSchema, (zone) => {
      // Reference-domain §5.3: irrigation only from a prepared tank; no task is created.
      if (zone.workflowPhase !== 'ready')
        throw new ConflictError(
          'start_irrigation_setup_pending',
          `The zone is ${zone.workflowPhase}, not ready: prepare the tank first (start-cycle)`,
        );
    }),
  );
  api.post(
    '/api/zones/:id/start-solution-topup',
    startRoute(deps, 'solution_topup', StartTaskRequestSchema),
  );
  api.post(
    '/api/zones/:id/start-solution-change',
    startRoute(deps, 'solution_change', StartTaskRequestSchema),
  );

  api.post<{ Params: { id: string } }>('/api/zones/:id/manual-step', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'commands.send');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, ManualStepRequestSchema, request.body);
      await zoneOf(deps, id);
      const task = await engine().operatorStep(id, body.manual_step);
      await audit(deps, principal, 'zone.manual_step', id, {
        task_id: task.id,
        manual_step: body.manual_step,
      });
      const zone = await zoneOf(deps, id);
      const result: ManualStepResult = {
        task_id: task.id,
        pending_manual_step: body.manual_step,
        current_stage: task.stage,
        workflow_phase: zone.workflowPhase,
      };
      return sendOk(reply, result);
    }),
  );

  api.post('/api/zones/:id/emergency-stop', emergencyStopRoute(deps));

  api.get<{ Params: { id: string } }>('/api/zones/:id/state', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const zone = await zoneOf(deps, parseId(reply, request.params.id));
      const storage = deps.storage();
      const io = new StoreZoneIo(
        { storage, clock: deps.clock, logger: deps.logger, commands: deps.devices().commands },
        zone,
      );
      return sendOk(reply, await zoneState({ storage, io, workflow: workflowFor }, zone));
    }),
  );

  api.get<{ Params: { id: string } }>('/api/zones/:id/tasks', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const id = parseId(reply, request.params.id);
      const query = parseBody(reply, ZoneTasksQuerySchema, request.query);
      await zoneOf(deps, id);
      const tasks = await deps.storage().tasks.listForZone(id, query.limit);
      return sendOk(reply, tasks.map(taskView));
    }),
  );
}

/**
 * Start a `kind` task as the caller (`operator:<email>`): 404 for no zone, 409 `zone_busy` while
 * a task runs, then `guard` (which may refuse), then the engine (409 `workflow_unsupported` when
 * the zone's topology has no such workflow).
 */
function startRoute(
  deps: ZoneAutomationRouteDeps,
  kind: TaskKind,
  schema: z.ZodType<Record<string, unknown>>,
  guard?: (zone: ZoneRecord) => void,
) {
  return (request: IdRequest, reply: FastifyReply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'commands.send');
      const id = parseId(reply, request.params.id);
      const payload = parseBody(reply, schema, request.body);
      const zone = await zoneOf(deps, id);
      await ensureIdle(deps, id);
      guard?.(zone);
      const task = await deps.automation().engine.startTask({
        zoneId: id,
        kind,
        payload,
        source: await operatorSource(deps, principal),
      });
      await audit(deps, principal, `zone.start_${kind}`, id, { task_id: task.id, payload });
      const data: StartedTask = { task_id: task.id, task: taskView(task) };
      return reply.code(201).send({ status: 'ok', data });
    });
}

/**
 * The software E-stop: the zone goes manual first (so no scheduler slot or mode change resumes
 * anything), then the engine fails the running task and switches every actuator off.
 */
function emergencyStopRoute(deps: ZoneAutomationRouteDeps) {
  const engine = () => deps.automation().engine;
  return (request: IdRequest, reply: FastifyReply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'commands.send');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, EmergencyStopRequestSchema, request.body);
      const before = await zoneOf(deps, id);
      const user = auditActor(principal);
      const reason = body.reason ?? null;
      if (before.controlMode !== 'manual')
        await deps.domain().zones.setControlMode(id, 'manual', 'emergency stop', user);
      const failed = await engine().emergencyStop(id, { source: 'operator', user, reason });
      if (before.controlMode !== 'manual')
        await engine().controlModeChanged(id, before.controlMode, 'manual', {
          user,
          reason: 'emergency stop',
        });
      await audit(deps, principal, 'zone.emergency_stop', id, {
        reason,
        failed_task_id: failed?.id ?? null,
        control_mode: [before.controlMode, 'manual'],
      });
      const zone = await zoneOf(deps, id);
      const result: EmergencyStopResult = {
        zone_id: id,
        failed_task_id: failed?.id ?? null,
        control_mode: 'manual',
        workflow_phase: zone.workflowPhase,
      };
      return sendOk(reply, result);
    });
}

async function zoneOf(deps: ZoneAutomationRouteDeps, id: number): Promise<ZoneRecord> {
  const zone = await deps.storage().zones.byId(id);
  if (!zone) throw new NotFoundError('zone', id);
  return zone;
}

/** One task per zone: say which one runs (the engine would refuse too, without the id). */
async function ensureIdle(deps: ZoneAutomationRouteDeps, zoneId: number): Promise<void> {
  const active = await deps.storage().tasks.activeForZone(zoneId);
  if (active)
    throw new ConflictError(
      'zone_busy',
      `Task ${active.id} (${active.kind}, ${active.stage}) is running in this zone`,
    );
}

/** `operator:<email>` for accounts, `operator:api-token` / `operator:local-admin` otherwise. */
async function operatorSource(deps: ZoneAutomationRouteDeps, principal: Principal) {
  const user =
    principal.user_id === null ? null : await deps.storage().users.byId(principal.user_id);
  return `operator:${user?.email ?? principal.name}`;
}

async function audit(
  deps: ZoneAutomationRouteDeps,
  principal: Principal,
  action: string,
  zoneId: number,
  diff: Record<string, unknown>,
): Promise<void> {
  await deps.storage().audit.insert({
    actor: auditActor(principal),
    action,
    targetType: 'zone',
    targetId: zoneId,
    diff,
    at: deps.clock.now(),
  });
}
