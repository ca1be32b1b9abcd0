import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogLevelName, LogLine, LogQuery } from '../contracts/controller.js';

/** pino's numeric levels, as written to the log file (see logger.ts). */
const LEVEL_BY_NUMBER: Record<number, LogLevelName> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const RANK: Record<LogLevelName, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};
/** pino-roll's file names: `hydro.<n>.log`, a higher n being newer. */
const FILE_NAME = /^hydro\.(\d+)\.log$/;
/**
 * At most this much of the files is read per request: rotated files reach log.fileMaxMb each,
 * and a page of recent lines never needs more than their tails.
 */
const MAX_SCAN_BYTES = 2 * 1024 * 1024;

/**
 * The newest lines of the core's rotated JSON log files, newest first, at or above a level.
 * A missing log dir (logging to the console only) reads as no lines.
 */
export async function readRecentLogLines(dir: string, query: LogQuery): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let budget = MAX_SCAN_BYTES;
  for (const name of await logFilesNewestFirst(dir)) {
    if (budget <= 0 || lines.length >= query.limit) break;
    const { text, scanned } = await readTail(join(dir, name), budget);
    budget -= scanned;
    const raw = text.split('\n');
    for (let i = raw.length - 1; i >= 0 && lines.length < query.limit; i -= 1) {
      const line = parseLine(raw[i]!);
      if (line && RANK[line.level] >= RANK[query.level]) lines.push(line);
    }
  }
  return lines;
}

async function logFilesNewestFirst(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const numbered = names.flatMap((name) => {
    const match = FILE_NAME.exec(name);
    return match ? [{ name, n: Number(match[1]) }] : [];
  });
  return numbered.sort((a, b) => b.n - a.n).map((f) => f.name);
}

/** The last `max` bytes of a file, without the partial line a mid-file start cuts. */
async function readTail(path: string, max: number): Promise<{ text: string; scanned: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, max);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    return { text: length < size ? text.slice(text.indexOf('\n') + 1) : text, scanned: length };
  } finally {
    await file.close();
  }
}

function parseLine(raw: string): LogLine | null {
  if (raw.trim() === '') return null;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    // A line cut by a crash mid-write; the rest of the file is still worth showing.
    return null;
  }
  const level = typeof entry.level === 'number' ? LEVEL_BY_NUMBER[entry.level] : undefined;
  if (!level || typeof entry.time !== 'number') return null;
  const err = entry.err as { message?: unknown } | undefined;
  const msg =
    typeof entry.msg === 'string' ? entry.msg : typeof err?.message === 'string' ? err.message : '';
  return {
    time: new Date(entry.time).toISOString(),
    level,
    module: typeof entry.module === 'string' ? entry.module : null,
    msg,
  };
}
