import { z } from 'zod';
import { getData, sendData } from './http.js';

const BackupSchema = z.object({
  name: z.string(),
  size_bytes: z.number(),
  created_at: z.string(),
});
export type Backup = z.infer<typeof BackupSchema>;

const TableUsageSchema = z.object({ table: z.string(), bytes: z.number() });
export type TableUsage = z.infer<typeof TableUsageSchema>;

export function fetchBackups(): Promise<Backup[]> {
  return getData('/api/backups', z.array(BackupSchema));
}

/** Takes an online backup now; resolves when the file is complete. */
export function createBackup(): Promise<Backup> {
  return sendData('POST', '/api/backups', undefined, BackupSchema);
}

const RestoreStartedSchema = z.object({
  name: z.string(),
  schema_version: z.number(),
  restarting: z.literal(true),
});

/**
 * Asks the core to put a backup back. It verifies the file first (a corrupt or newer one is
 * refused with nothing changed), answers, then restarts its services onto it.
 */
export function restoreBackup(name: string): Promise<z.infer<typeof RestoreStartedSchema>> {
  return sendData(
    'POST',
    `/api/backups/${encodeURIComponent(name)}/restore`,
    undefined,
    RestoreStartedSchema,
  );
}

export function backupDownloadUrl(name: string): string {
  return `/api/backups/${encodeURIComponent(name)}`;
}

/** Bytes on disk per table, indexes included, largest first. */
export function fetchStorageUsage(): Promise<TableUsage[]> {
  return getData('/api/storage/usage', z.array(TableUsageSchema));
}
