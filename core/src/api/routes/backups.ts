import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { BackupInfo } from '../../storage/sqlite/backup.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, requirePrincipal } from '../guards.js';

export interface BackupRouteDeps {
  secrets: AuthSecrets;
  backups: {
    list(): BackupInfo[];
    create(): Promise<BackupInfo>;
  };
}

const view = (b: BackupInfo) => ({
  name: b.name,
  size_bytes: b.sizeBytes,
  created_at: new Date(b.createdAt).toISOString(),
});

/** Backups of the store: list, take one now, download one (streamed, never read whole). */
export function registerBackupRoutes(api: FastifyInstance, deps: BackupRouteDeps): void {
  api.get('/api/backups', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      return Promise.resolve(sendOk(reply, deps.backups.list().map(view)));
    }),
  );

  api.post('/api/backups', (request, reply) =>
    handle(reply, async () => {
      requirePrincipal(request, reply, deps.secrets);
      return reply.code(201).send({ status: 'ok', data: view(await deps.backups.create()) });
    }),
  );

  api.get<{ Params: { name: string } }>('/api/backups/:name', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      // Only names the listing knows: a request can never reach another file.
      const backup = deps.backups.list().find((b) => b.name === request.params.name);
      if (!backup)
        return Promise.resolve(
          sendError(reply, 404, {
            code: 'backup_not_found',
            message: `No backup ${request.params.name}`,
          }),
        );
      return Promise.resolve(
        reply
          .header('content-type', 'application/vnd.sqlite3')
          .header('content-disposition', `attachment; filename="${backup.name}"`)
          .send(createReadStream(backup.file)),
      );
    }),
  );
}
