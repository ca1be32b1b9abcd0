import { createCore, type Core } from '../runtime/create-core.js';
import { systemClock } from '../runtime/clock.js';
import { loadConfig, type ConfigSources } from '../runtime/config.js';
import { InstanceLock, prepareDataDir } from '../runtime/data-dir.js';
import { isStartupRefusal } from '../runtime/errors.js';
import { createLogger, type LoggerHandle } from '../runtime/logger.js';
import type { Demo } from './demo.js';

export interface ServeIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopRequested: Promise<string>;
}

/** Exit codes: 0 clean stop, 1 crash, 2 start refused (fixable by how Hydro is started). */
export const EXIT = { ok: 0, crash: 1, refused: 2 } as const;

/**
 * `hydro serve`: take the data dir, start every component, print the ready line, run until a
 * signal, stop in reverse order. Any start failure leaves nothing running and no lock behind.
 */
export async function serve(
  flags: ConfigSources['flags'],
  io: ServeIo,
  options: { demo: false | 'fresh' | 'prepared' } = { demo: false },
): Promise<number> {
  let lock: InstanceLock | undefined;
  let log: LoggerHandle | undefined;
  let core: Core | undefined;
  let demo: Demo | undefined;
  try {
    const config = loadConfig({ env: io.env, flags });
    prepareDataDir(config.dataDir);
    lock = new InstanceLock(config.dataDir);
    lock.acquire();
    log = await createLogger(config, { tty: io.stderr.isTTY === true, stream: io.stderr });
    core = createCore(config, { clock: systemClock, logger: log.logger });
    const urls = await core.start();
    if (options.demo) {
      // Loaded only for --demo, so the simulator never weighs on a plain serve.
      const { startDemo } = await import('./demo.js');
      demo = await startDemo(core, urls, {
        clock: systemClock,
        logger: log.logger,
        prepared: options.demo === 'prepared',
      });
    }
    io.stdout.write(`${JSON.stringify({ event: 'ready', http: urls.http, mqtt: urls.mqtt })}\n`);
    const signal = await io.stopRequested;
    log.logger.info({ signal }, 'stopping');
    await demo?.stop();
    await core.stop();
    return EXIT.ok;
  } catch (error) {
    await demo?.stop();
    await core?.stop();
    io.stderr.write(`hydro: ${(error as Error).message}\n`);
    if (isStartupRefusal(error)) return EXIT.refused;
    log?.logger.fatal({ err: error }, 'hydro crashed');
    return EXIT.crash;
  } finally {
    await log?.close();
    lock?.release();
  }
}
