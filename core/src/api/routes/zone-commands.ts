import type { FastifyInstance } from 'fastify';
import { ZoneCommandsQuerySchema } from '../../contracts/zone-telemetry.js';
import { commandView } from '../../devices/views.js';
import type { Storage } from '../../storage/storage.js';
import type { CommandStatus } from '../../storage/types.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface ZoneCommandRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
}

/** Commands still waiting for the node. */
const ACTIVE: CommandStatus[] = ['QUEUED', 'SENT', 'ACK'];

/** Command history of a zone's nodes, newest first (reference-backend-ui §2.9). */
export function registerZoneCommandRoutes(api: FastifyInstance, deps: ZoneCommandRouteDeps): void {
  api.get<{ Params: { id: string } }>('/api/zones/:id/commands', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const id = parseId(reply, request.params.id);
      const q = parseBody(reply, ZoneCommandsQuerySchema, request.query);
      if (!(await deps.storage().zones.byId(id)))
        return sendError(reply, 404, { code: 'zone_not_found', message: `No zone ${id}` });
      let statuses = q.active_only ? ACTIVE : undefined;
      if (q.status) statuses = (statuses ?? [q.status]).filter((s) => s === q.status);
      // active_only with a terminal status asks for nothing.
      if (statuses?.length === 0) return sendOk(reply, []);
      const rows = await deps.storage().commands.listForZone(id, q.per_page, statuses);
      return sendOk(reply, rows.map(commandView));
    }),
  );
}
