import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditActor } from '../../access/audit.js';
import { BindingRoleSchema } from '../../contracts/bindings.js';
import {
  CalibratePumpRequestSchema,
  CreateSensorCalibrationRequestSchema,
  PutPumpCalibrationRequestSchema,
  SensorCalibrationPointRequestSchema,
} from '../../contracts/calibration.js';
import { PumpCalibrationService } from '../../calibration/pump-calibration.js';
import { SensorCalibrationService } from '../../calibration/sensor-calibration.js';
import { pumpCalibrationView, sensorCalibrationView } from '../../calibration/views.js';
import type { DevicesService } from '../../devices/devices-service.js';
import type { Clock } from '../../runtime/clock.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface CalibrationRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  devices: () => DevicesService;
  clock: Clock;
}

const RoleParamSchema = z.object({ role: BindingRoleSchema });

/** Pump and sensor calibration of a zone's bound channels (reference-backend-ui §2.10). */
export function registerCalibrationRoutes(api: FastifyInstance, deps: CalibrationRouteDeps): void {
  const services = {
    storage: deps.storage,
    commands: () => deps.devices().commands,
    clock: deps.clock,
  };
  registerPumpRoutes(api, deps, new PumpCalibrationService(services));
  registerSensorRoutes(api, deps, new SensorCalibrationService(services));
}

function registerPumpRoutes(
  api: FastifyInstance,
  deps: CalibrationRouteDeps,
  pumps: PumpCalibrationService,
): void {
  api.get<{ Params: { id: string } }>('/api/zones/:id/pump-calibrations', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const rows = await pumps.list(parseId(reply, request.params.id));
      return sendOk(reply, rows.map(pumpCalibrationView));
    }),
  );

  api.put<{ Params: { id: string; role: string } }>(
    '/api/zones/:id/pump-calibrations/:role',
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(request, reply, deps.secrets, 'calibration.run');
        const id = parseId(reply, request.params.id);
        const { role } = parseBody(reply, RoleParamSchema, { role: request.params.role });
        const body = parseBody(reply, PutPumpCalibrationRequestSchema, request.body);
        const record = await pumps.put(
          id,
          role,
          {
            mlPerSec: body.ml_per_sec,
            kMsPerMlL: body.k_ms_per_ml_l ?? null,
            component: body.component ?? null,
          },
          auditActor(principal),
        );
        return sendOk(reply, pumpCalibrationView(record));
      }),
  );

  api.post<{ Params: { id: string } }>('/api/zones/:id/calibrate-pump', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'calibration.run');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, CalibratePumpRequestSchema, request.body);
      const actor = auditActor(principal);
      if ('role' in body) {
        const run = await pumps.startRun(id, body.role, body.duration_sec, actor);
        return reply.code(202).send({
          status: 'ok',
          data: { run_token: run.runToken, cmd_id: run.cmdId, status: 'awaiting_actual_ml' },
        });
      }
      const record = await pumps.finishRun(id, body.run_token, body.actual_ml, actor);
      return sendOk(reply, pumpCalibrationView(record));
    }),
  );
}

function registerSensorRoutes(
  api: FastifyInstance,
  deps: CalibrationRouteDeps,
  sensors: SensorCalibrationService,
): void {
  api.get<{ Params: { id: string } }>('/api/zones/:id/sensor-calibrations', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const rows = await sensors.list(parseId(reply, request.params.id));
      return sendOk(reply, rows.map(sensorCalibrationView));
    }),
  );

  api.post<{ Params: { id: string } }>('/api/zones/:id/sensor-calibrations', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'calibration.run');
      const id = parseId(reply, request.params.id);
      const body = parseBody(reply, CreateSensorCalibrationRequestSchema, request.body);
      const session = await sensors.create(id, body.role, auditActor(principal));
      return reply.code(201).send({ status: 'ok', data: sensorCalibrationView(session) });
    }),
  );

  api.post<{ Params: { id: string; sessionId: string } }>(
    '/api/zones/:id/sensor-calibrations/:sessionId/point',
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(request, reply, deps.secrets, 'calibration.run');
        const id = parseId(reply, request.params.id);
        const sessionId = parseId(reply, request.params.sessionId);
        const body = parseBody(reply, SensorCalibrationPointRequestSchema, request.body);
        const session = await sensors.point(
          id,
          sessionId,
          body.stage,
          body.reference_value,
          auditActor(principal),
        );
        return sendOk(reply, sensorCalibrationView(session));
      }),
  );

  api.post<{ Params: { id: string; sessionId: string } }>(
    '/api/zones/:id/sensor-calibrations/:sessionId/cancel',
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requireCapability(request, reply, deps.secrets, 'calibration.run');
        const id = parseId(reply, request.params.id);
        const sessionId = parseId(reply, request.params.sessionId);
        const session = await sensors.cancel(id, sessionId, auditActor(principal));
        return sendOk(reply, sensorCalibrationView(session));
      }),
  );
}
