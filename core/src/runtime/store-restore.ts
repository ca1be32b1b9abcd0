import { listBackups, stageRestore, swapRestore } from '../storage/sqlite/backup.js';
import type { Storage } from '../storage/storage.js';
import type { Clock } from './clock.js';
import { BackupNotFoundError } from './errors.js';
import type { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';

/** Long enough for the HTTP answer to leave before the server carrying it stops. */
const RESTART_DELAY_MS = 200;

export interface RestoreContext {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  lifecycle: Lifecycle;
  storage: () => Storage;
  /** Tells the core's health whether it is restarting. */
  restarting: (yes: boolean) => void;
}

/**
 * Restore of the SQLite store while Hydro runs. The backup is copied and verified beside the live
 * store first, so a corrupt or newer file is refused with nothing stopped. Only then does every
 * component stop, the verified copy replace the file (the old one kept as a pre-restore backup)
 * and everything start again on it: caches such as the node directory are rebuilt from the
 * restored data rather than left describing the old one.
 */
export class StoreRestorer {
  constructor(private readonly ctx: RestoreContext) {}

  /** Verify and stage a listed backup now; the restart onto it follows the caller's answer. */
  restore(name: string, actor: string): { name: string; schema_version: number } {
    const backup = listBackups(this.ctx.dataDir).find((b) => b.name === name);
    if (!backup) throw new BackupNotFoundError(name);
    const { staged, version } = stageRestore(this.ctx.dataDir, backup.file);
    this.ctx.clock.setTimeout(() => void this.restartOnto(staged, name, actor), RESTART_DELAY_MS);
    return { name, schema_version: version };
  }

  private async restartOnto(staged: string, name: string, actor: string): Promise<void> {
    const { lifecycle, logger, clock } = this.ctx;
    this.ctx.restarting(true);
    await lifecycle.stop();
    const previous = swapRestore(this.ctx.dataDir, staged, clock.now());
    try {
      await lifecycle.start();
    } catch (error) {
      // Verified files start; if this one still does not, the farm gets its previous store back.
      logger.error(
        { err: error, backup: name },
        'restored store did not start; putting back the previous one',
      );
      if (previous) swapRestore(this.ctx.dataDir, previous, clock.now());
      await lifecycle.start();
      this.ctx.restarting(false);
      return;
    }
    this.ctx.restarting(false);
    logger.info({ backup: name, previous }, 'store restored from a backup');
    await this.ctx.storage().audit.insert({
      actor,
      action: 'backup.restore',
      targetType: 'backup',
      targetId: name,
      diff: { previous_saved_as: previous },
      at: clock.now(),
    });
  }
}
