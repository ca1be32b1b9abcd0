import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { StorageError, StorageRefusedError } from '../../runtime/errors.js';
import { currentVersion, loadMigrations } from './migrations.js';

/** The store's file in the data dir. */
export const DATABASE_FILE_NAME = 'hydro.db';
export const BACKUP_DIR_NAME = 'backups';
export const DEFAULT_BACKUPS_KEPT = 14;
const BACKUP_FILE = /^hydro-\d{8}-\d{6}(-[a-z-]+)?\.db$/;

export interface BackupInfo {
  file: string;
  name: string;
  sizeBytes: number;
  createdAt: number;
}

/** `hydro-20261127-143000[-reason].db`: sortable, and the name says why it was taken. */
function backupName(now: number, reason?: string): string {
  const iso = new Date(now).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `hydro-${stamp}${reason ? `-${reason}` : ''}.db`;
}

/**
 * An online backup through SQLite's backup API: consistent while the database keeps taking
 * writes, and the copy is checked before it counts as a backup. Old backups beyond `keep` go.
 */
export async function backupDatabase(
  db: Database,
  dataDir: string,
  options: { now: number; reason?: string; keep?: number },
): Promise<BackupInfo> {
  const dir = join(dataDir, BACKUP_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(options.now, options.reason));
  const partial = `${file}.partial`;
  try {
    await db.backup(partial);
    verifyBackup(partial);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error instanceof StorageError
      ? error
      : new StorageError(`backup failed: ${(error as Error).message}`);
  }
  rotateBackups(dir, options.keep ?? DEFAULT_BACKUPS_KEPT);
  return describe(file);
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR_NAME);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_FILE.test(name))
    .sort()
    .reverse()
    .map((name) => describe(join(dir, name)));
}

/**
 * Check a database file before trusting it: it must open, pass the full integrity check, and
 * have a schema this Hydro knows. Returns its schema version.
 */
export function verifyBackup(file: string): number {
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') throw new Error(check);
    const version = currentVersion(db);
    const latest = loadMigrations().at(-1)?.version ?? 0;
    if (version > latest) {
      throw new StorageRefusedError(
        `${basename(file)} has schema version ${version}, newer than this Hydro understands (${latest}); upgrade Hydro first`,
        'storage_too_new',
      );
    }
    if (version === 0) throw new Error('it holds no Hydro schema');
    return version;
  } catch (error) {
    if (error instanceof StorageRefusedError) throw error;
    throw new StorageRefusedError(
      `${basename(file)} is not a usable Hydro backup (${(error as Error).message})`,
      'storage_corrupt',
    );
  } finally {
    db?.close();
  }
}

/**
 * Replace the database of a stopped Hydro with a verified backup. The current file is kept as a
 * `pre-restore` backup first, and the swap is a rename, so a failure leaves the old store intact.
 */
export function restoreDatabase(
  dataDir: string,
  source: string,
  now: number,
): { version: number; previous: string | null } {
  const { staged, version } = stageRestore(dataDir, source);
  return { version, previous: swapRestore(dataDir, staged, now) };
}

/**
 * Copy a backup beside the live store and verify the copy; nothing live is touched, so this can
 * run while the store is open and refuse a bad file before anything stops.
 */
export function stageRestore(dataDir: string, source: string): { staged: string; version: number } {
  verifyBackup(source);
  const staged = join(dataDir, `${DATABASE_FILE_NAME}.restoring`);
  rmSync(staged, { force: true });
  copyDatabase(source, staged);
  return { staged, version: verifyBackup(staged) };
}

/** Put a staged copy in place of the (closed) store; the old file becomes a pre-restore backup. */
export function swapRestore(dataDir: string, staged: string, now: number): string | null {
  const target = join(dataDir, DATABASE_FILE_NAME);
  const dir = join(dataDir, BACKUP_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = join(dir, backupName(now, 'pre-restore'));
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staged, target);
  return previous;
}

function copyDatabase(source: string, destination: string): void {
  // VACUUM INTO writes a clean, self-contained copy even from a file with a WAL beside it.
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(destination);
  } finally {
    db.close();
  }
}

function rotateBackups(dir: string, keep: number): void {
  const scheduled = readdirSync(dir)
    .filter((name) => BACKUP_FILE.test(name) && !name.includes('-pre-'))
    .sort();
  for (const name of scheduled.slice(0, Math.max(0, scheduled.length - keep)))
    rmSync(join(dir, name));
}

function describe(file: string): BackupInfo {
  const stat = statSync(file);
  return { file, name: basename(file), sizeBytes: stat.size, createdAt: stat.mtimeMs };
}
