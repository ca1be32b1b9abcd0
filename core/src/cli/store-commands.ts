import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadConfig } from '../runtime/config.js';
import { InstanceLock, prepareDataDir } from '../runtime/data-dir.js';
import { BackupsExternalError, isStartupRefusal, StorageError } from '../runtime/errors.js';
import { backupDatabase, DATABASE_FILE_NAME, restoreDatabase } from '../storage/sqlite/backup.js';
import { EXIT, type ServeIo } from './serve.js';

type StoreIo = Omit<ServeIo, 'stopRequested'>;

/** `hydro backup`: an online backup, safe beside a running serve (WAL lets it read). */
export async function runBackup(dataDirFlag: string | undefined, io: StoreIo): Promise<number> {
  return report(io, async () => {
    const config = configFor(dataDirFlag, io);
    const file = join(config.dataDir, DATABASE_FILE_NAME);
    if (!existsSync(file)) throw new StorageError(`no database at ${file}: nothing to back up`);
    const db = new BetterSqlite3(file, { fileMustExist: true });
    try {
      const backup = await backupDatabase(db, config.dataDir, {
        now: Date.now(),
        keep: config.backups.keep,
      });
      return { event: 'backup', file: backup.file, size_bytes: backup.sizeBytes };
    } finally {
      db.close();
    }
  });
}

/** `hydro restore FILE`: verified first, refused while a serve holds the data dir. */
export async function runRestore(
  file: string,
  dataDirFlag: string | undefined,
  io: StoreIo,
): Promise<number> {
  return report(io, () => {
    const config = configFor(dataDirFlag, io);
    prepareDataDir(config.dataDir);
    const lock = new InstanceLock(config.dataDir);
    lock.acquire();
    try {
      const { version, previous } = restoreDatabase(config.dataDir, file, Date.now());
      return Promise.resolve({
        event: 'restored',
        schema_version: version,
        previous_saved_as: previous,
      });
    } finally {
      lock.release();
    }
  });
}

/** The config of the store to back up or restore, which must be the SQLite file. */
function configFor(dataDirFlag: string | undefined, io: StoreIo) {
  const config = loadConfig({
    env: io.env,
    flags: dataDirFlag === undefined ? {} : { 'data-dir': dataDirFlag },
  });
  if (config.database.url !== undefined) throw new BackupsExternalError();
  return config;
}

async function report(io: StoreIo, work: () => Promise<Record<string, unknown>>): Promise<number> {
  try {
    io.stdout.write(`${JSON.stringify(await work())}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`hydro: ${(error as Error).message}\n`);
    return isStartupRefusal(error) || error instanceof StorageError ? EXIT.refused : EXIT.crash;
  }
}
