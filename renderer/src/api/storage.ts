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

export function backupDownloadUrl(name: string): string {
  return `/api/backups/${encodeURIComponent(name)}`;
}

/** Bytes on disk per table, indexes included, largest first. */
export function fetchStorageUsage(): Promise<TableUsage[]> {
  return getData('/api/storage/usage', z.array(TableUsageSchema));
}
