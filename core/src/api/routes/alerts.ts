import type { FastifyInstance } from 'fastify';
import { auditActor } from '../../access/audit.js';
import { AlertNotFoundError, alertView } from '../../alerts/alert-view.js';
import type { AlertsService } from '../../alerts/alerts-service.js';
import type { Principal } from '../../contracts/auth.js';
import { AlertListQuerySchema, ResolveAlertsRequestSchema } from '../../contracts/alerts.js';
import type { Clock } from '../../runtime/clock.js';
import type { AlertRecord } from '../../storage/alerts-events-types.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface AlertRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  alerts: AlertsService;
  clock: Clock;
}

/** Alerts: list, detail, resolve one or many (reference-backend-ui.md §2.11). */
export function registerAlertRoutes(api: FastifyInstance, deps: AlertRouteDeps): void {
  api.get('/api/alerts', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const q = parseBody(reply, AlertListQuerySchema, request.query);
      const { alerts, total } = await deps.storage().alerts.list({
        status: q.status,
        zoneId: q.zone_id,
        severity: q.severity,
        source: q.source,
        code: q.code,
        limit: q.per_page,
        offset: (q.page - 1) * q.per_page,
      });
      return reply.send({
        status: 'ok',
        data: alerts.map(alertView),
        meta: {
          current_page: q.page,
          last_page: Math.max(1, Math.ceil(total / q.per_page)),
          per_page: q.per_page,
          total,
        },
      });
    }),
  );

  api.get<{ Params: { id: string } }>('/api/alerts/:id', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const id = parseId(reply, request.params.id);
      const alert = await deps.storage().alerts.byId(id);
      if (!alert) throw new AlertNotFoundError([id]);
      return sendOk(reply, alertView(alert));
    }),
  );

  // "ack" in the reference: there is no acknowledged state, acknowledging resolves.
  api.patch<{ Params: { id: string } }>('/api/alerts/:id/ack', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'alerts.resolve');
      const id = parseId(reply, request.params.id);
      const { resolved } = await deps.alerts.resolve([id], principal.name);
      await audit(deps, principal, resolved);
      const alert = resolved[0] ?? (await deps.storage().alerts.byId(id));
      return sendOk(reply, alertView(alert!));
    }),
  );

  api.post('/api/alerts/resolve-bulk', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'alerts.resolve');
      const body = parseBody(reply, ResolveAlertsRequestSchema, request.body);
      const { resolved, alreadyResolved } = await deps.alerts.resolve(body.ids, principal.name);
      await audit(deps, principal, resolved);
      return sendOk(reply, {
        resolved: resolved.map(alertView),
        already_resolved_ids: alreadyResolved,
      });
    }),
  );
}

async function audit(deps: AlertRouteDeps, principal: Principal, resolved: AlertRecord[]) {
  const actor = auditActor(principal);
  for (const alert of resolved) {
    await deps.storage().audit.insert({
      actor,
      action: 'alert.resolve',
      targetType: 'alert',
      targetId: alert.id,
      diff: { status: ['ACTIVE', 'RESOLVED'] },
      at: deps.clock.now(),
    });
  }
}
