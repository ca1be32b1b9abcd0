import type { FastifyInstance } from 'fastify';
import { alertView } from '../../alerts/alert-view.js';
import type { ZoneSnapshot } from '../../contracts/events.js';
import { nodeView } from '../../devices/views.js';
import type { EventLog } from '../../events/event-log.js';
import type { Clock } from '../../runtime/clock.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseId, requireCapability } from '../guards.js';

export interface ZoneSnapshotRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  eventLog: EventLog;
  clock: Clock;
}

/** Enough for any zone's active alerts; more would be a flood the alerts page pages through. */
const MAX_ACTIVE_ALERTS = 200;

/** `GET /api/zones/{id}/snapshot`: a reconnecting client's starting point (reference §2.3, §3.4). */
export function registerZoneSnapshotRoutes(
  api: FastifyInstance,
  deps: ZoneSnapshotRouteDeps,
): void {
  api.get<{ Params: { id: string } }>('/api/zones/:id/snapshot', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const zoneId = parseId(reply, request.params.id);
      // Read before the state: whatever the state shows is at least this new, so replaying the
      // events after it can only repeat changes (every event carries the whole record), never
      // skip one.
      const lastEventId = deps.eventLog.lastId();
      const storage = deps.storage();
      const zone = await storage.zones.byId(zoneId);
      if (!zone) {
        return sendError(reply, 404, { code: 'zone_not_found', message: `No zone ${zoneId}` });
      }
      const nodes = (await storage.nodes.list()).filter((n) => n.zoneId === zoneId);
      const devices = await Promise.all(
        nodes.map(async (n) => nodeView(n, await storage.nodes.channels(n.id))),
      );
      const telemetry = (
        await Promise.all(
          nodes.map(async (n) =>
            (await storage.telemetryHistory.lastValues(n.id)).map((v) => ({
              node_id: n.id,
              ...v,
            })),
          ),
        )
      ).flat();
      const { alerts } = await storage.alerts.list({
        status: 'ACTIVE',
        zoneId,
        limit: MAX_ACTIVE_ALERTS,
        offset: 0,
      });
      const snapshot: ZoneSnapshot = {
        server_ts: deps.clock.now(),
        last_event_id: lastEventId,
        last_zone_event_id: await storage.events.latestId(zoneId),
        zone: {
          id: zone.id,
          uid: zone.uid,
          name: zone.name,
          greenhouse_id: zone.greenhouseId,
          greenhouse_uid: zone.greenhouseUid,
        },
        devices,
        telemetry,
        active_alerts: alerts.map(alertView),
      };
      return sendOk(reply, snapshot);
    }),
  );
}
