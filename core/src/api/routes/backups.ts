import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { BackupsExternalError } from '../../runtime/errors.js';
import type { BackupInfo } from '../../storage/sqlite/backup.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, requireCapability } from '../guards.js';
import { auditActor } from '../../access/audit.js';

export interface BackupRouteDeps {
  secrets: AuthSecrets;
  /** null on PostgreSQL, whose backups are pg_dump's: every route then answers 409. */
  backups: {
    list(): BackupInfo[];
    create(): Promise<BackupInfo>;
    /** Verify and stage a listed backup, then restart every component onto it. */
    restore(name: string, actor: string): { name: string; schema_version: number };
  } | null;
}

const view = (b: BackupInfo) => ({
  name: b.name,
  size_bytes: b.sizeBytes,
  created_at: new Date(b.createdAt).toISOString(),
});

/** Backups of the store: list, take one now, download one (streamed, never read whole). */
export function registerBackupRoutes(api: FastifyInstance, deps: BackupRouteDeps): void {
  const backups = () => {
    if (!deps.backups) throw new BackupsExternalError();
    return deps.backups;
  };

  api.get('/api/backups', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      return sendOk(reply, backups().list().map(view));
    }),
  );

  api.post('/api/backups', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      return reply.code(201).send({ status: 'ok', data: view(await backups().create()) });
    }),
  );

  api.get<{ Params: { name: string } }>('/api/backups/:name', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.admin');
      // Only names the listing knows: a request can never reach another file.
      const backup = backups()
        .list()
        .find((b) => b.name === request.params.name);
      if (!backup)
        return sendError(reply, 404, {
          code: 'backup_not_found',
          message: `No backup ${request.params.name}`,
        });
      return reply
        .header('content-type', 'application/vnd.sqlite3')
        .header('content-disposition', `attachment; filename="${backup.name}"`)
        .send(createReadStream(backup.file));
    }),
  );

  api.post<{ Params: { name: string } }>('/api/backups/:name/restore', (request, reply) =>
    handle(reply, async () => {
      const principal = await requireCapability(request, reply, deps.secrets, 'system.admin');
      // A bad or newer file is refused here, before anything stops (422 with the reason).
      const staged = backups().restore(request.params.name, auditActor(principal));
      return reply.code(202).send({ status: 'ok', data: { ...staged, restarting: true } });
    }),
  );
}
