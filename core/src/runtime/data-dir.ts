import {
  closeSync,
  constants,
  accessSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DataDirError, InstanceLockedError } from './errors.js';

export const LOCK_FILE_NAME = 'hydro.lock';

/** Create the data dir if needed and prove it is writable, with a message a user can act on. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DataDirError(
      `data dir ${dir} is not writable (${reason}); choose another with --data-dir or HYDRO_DATA_DIR`,
      { cause: error },
    );
  }
}

/**
 * One Hydro per data dir: two would write the same database, rotate the same logs and fight over
 * the nodes. The lock holds the owner's pid; a lock whose process is gone (crash, kill -9) is taken
 * over. It is taken before anything else touches the dir, logs included.
 */
export class InstanceLock {
  private held = false;
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly pid: number = process.pid,
    private readonly isAlive: (pid: number) => boolean = processAlive,
  ) {
    this.path = join(dataDir, LOCK_FILE_NAME);
  }

  acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, `${this.pid}\n`);
        closeSync(fd);
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new DataDirError(`cannot create ${this.path}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        const owner = this.readOwner();
        if (owner !== undefined && owner !== this.pid && this.isAlive(owner)) {
          throw new InstanceLockedError(
            `another Hydro (pid ${owner}) is already using data dir ${this.dirName()}; ` +
              'stop it first or start this one with another --data-dir',
          );
        }
        rmSync(this.path, { force: true });
      }
    }
    throw new InstanceLockedError(`could not take the lock ${this.path}`);
  }

  release(): void {
    if (this.held && this.readOwner() === this.pid) rmSync(this.path, { force: true });
    this.held = false;
  }

  private readOwner(): number | undefined {
    try {
      const pid = Number.parseInt(readFileSync(this.path, 'utf8').trim(), 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private dirName(): string {
    return this.path.slice(0, -LOCK_FILE_NAME.length - 1);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
