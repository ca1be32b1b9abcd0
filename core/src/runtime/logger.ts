import { join } from 'node:path';
import { pino, type Logger, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';
import pinoRoll from 'pino-roll';
import type { CoreConfig } from './config.js';

export type { Logger } from 'pino';

/** Field names whose values must never reach a log line (architecture.md §8). */
const REDACT = ['*.password', '*.token', '*.secret', '*.node_secret', 'apiToken', 'desktopToken'];

export interface LoggerHandle {
  logger: Logger;
  /** Flush and close the log file; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * JSON lines to a size-rotated file in the data dir, plus the console: readable on a terminal,
 * JSON lines otherwise (docker, supervisors). The console is stderr because stdout carries the
 * machine-readable ready line.
 */
export async function createLogger(
  config: Pick<CoreConfig, 'dataDir' | 'log'>,
  console: { tty: boolean; stream: NodeJS.WritableStream },
): Promise<LoggerHandle> {
  const file = await pinoRoll({
    file: join(config.dataDir, 'logs', 'hydro'),
    extension: '.log',
    size: `${config.log.fileMaxMb}m`,
    limit: { count: config.log.files, removeOtherLogFiles: true },
    mkdir: true,
  });
  // The file opens asynchronously; waiting makes an unwritable log dir fail start, not a later write.
  if (!file.fd || file.fd < 0) await new Promise<void>((resolve) => file.once('ready', resolve));
  const consoleStream = console.tty
    ? pretty({ destination: console.stream, colorize: true, translateTime: 'HH:MM:ss.l' })
    : console.stream;
  const streams: StreamEntry[] = [
    { level: config.log.level, stream: file },
    { level: config.log.level, stream: consoleStream },
  ];
  const logger = pino(
    { level: config.log.level, redact: { paths: REDACT, censor: '[redacted]' } },
    pino.multistream(streams),
  );
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      file.once('close', resolve);
      file.end();
    }));
  return { logger, close };
}

/** A logger that drops everything, for code paths that run before logging is set up. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
