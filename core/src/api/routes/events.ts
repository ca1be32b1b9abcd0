import type { FastifyInstance } from 'fastify';
import { can } from '../../contracts/capabilities.js';
import { EventLogQuerySchema, ZoneEventsQuerySchema } from '../../contracts/events.js';
import type { EventLog } from '../../events/event-log.js';
import { RESTRICTED_EVENT_CAPABILITIES } from '../../events/event-policy.js';
import { zoneEventView } from '../../events/zone-events.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface EventRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  eventLog: EventLog;
}

/** A zone's timeline and the realtime catch-up log (reference-backend-ui.md §2.3, §3.4). */
export function registerEventRoutes(api: FastifyInstance, deps: EventRouteDeps): void {
  api.get<{ Params: { id: string } }>('/api/zones/:id/events', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const zoneId = parseId(reply, request.params.id);
      const q = parseBody(reply, ZoneEventsQuerySchema, request.query);
      const storage = deps.storage();
      if (!(await storage.zones.byId(zoneId))) {
        return sendError(reply, 404, { code: 'zone_not_found', message: `No zone ${zoneId}` });
      }
      // One more than asked tells whether more exist in the paging direction.
      const rows = await storage.events.list(zoneId, {
        afterId: q.after_id,
        beforeId: q.before_id,
        limit: q.limit + 1,
      });
      const hasMore = rows.length > q.limit;
      const page = !hasMore ? rows : q.after_id !== undefined ? rows.slice(0, -1) : rows.slice(1);
      return sendOk(reply, { events: page.map(zoneEventView), has_more: hasMore });
    }),
  );

  api.get('/api/events', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'view');
      const q = parseBody(reply, EventLogQuerySchema, request.query);
      const held = RESTRICTED_EVENT_CAPABILITIES.filter((c) => can(principal.role, c));
      const head = deps.eventLog.lastId();
      const page = await deps.eventLog.replay(q.after_id, head, held, q.limit);
      if ('resync' in page) {
        return sendOk(reply, {
          events: [],
          has_more: false,
          last_event_id: head,
          resync_required: true,
        });
      }
      return sendOk(reply, {
        events: page.events,
        has_more: page.hasMore,
        last_event_id: head,
        resync_required: false,
      });
    }),
  );
}
