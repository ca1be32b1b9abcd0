import type { FastifyInstance } from 'fastify';
import { AuditQuerySchema, type AuditEntry } from '../../contracts/users.js';
import type { AuditRecord } from '../../storage/access-types.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, requireCapability } from '../guards.js';

export interface AuditRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
}

const entryView = (e: AuditRecord): AuditEntry => ({
  id: e.id,
  actor: e.actor,
  action: e.action,
  target_type: e.targetType,
  target_id: e.targetId,
  diff: e.diff,
  at: new Date(e.at).toISOString(),
});

/** The audit journal (admins): ascending ids; the next page starts after the last id seen. */
export function registerAuditRoutes(api: FastifyInstance, deps: AuditRouteDeps): void {
  api.get('/api/audit', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      const q = parseBody(reply, AuditQuerySchema, request.query);
      const entries = await deps.storage().audit.list({
        limit: q.limit,
        ...(q.after_id === undefined ? {} : { after_id: q.after_id }),
        ...(q.target_type === undefined ? {} : { targetType: q.target_type }),
        ...(q.target_id === undefined ? {} : { targetId: q.target_id }),
      });
      return sendOk(reply, entries.map(entryView));
    }),
  );
}
