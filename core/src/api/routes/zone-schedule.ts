import type { FastifyInstance } from 'fastify';
import { scheduleView } from '../../automation/scheduler/schedule-view.js';
import { ScheduleQuerySchema } from '../../contracts/schedule.js';
import type { Domain } from '../../domain/domain.js';
import type { Clock } from '../../runtime/clock.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface ZoneScheduleRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  domain: () => Domain;
  clock: Clock;
}

/**
 * `GET /api/zones/{id}/schedule?horizon=24h|7d`: what the scheduler will run over the horizon and
 * what became of the slots of the past horizon (reference-backend-ui §2.4, the schedule workspace).
 */
export function registerZoneScheduleRoutes(api: FastifyInstance, deps: ZoneScheduleRouteDeps) {
  api.get<{ Params: { id: string } }>('/api/zones/:id/schedule', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const zoneId = parseId(reply, request.params.id);
      const query = parseBody(reply, ScheduleQuerySchema, request.query);
      const storage = deps.storage();
      const zone = await storage.zones.byId(zoneId);
      if (!zone)
        return sendError(reply, 404, { code: 'zone_not_found', message: `No zone ${zoneId}` });
      const greenhouse = await storage.greenhouses.byId(zone.greenhouseId);
      const view = await scheduleView({
        storage,
        zone,
        timezone: greenhouse?.timezone ?? 'UTC',
        targets: await deps.domain().zones.effectiveTargets(zoneId),
        now: deps.clock.now(),
        horizon: query.horizon,
      });
      return sendOk(reply, view);
    }),
  );
}
