import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** The built CLI, exactly what `npx hydro` runs; `npm test` builds before it tests. */
export const CLI = fileURLToPath(new URL('../../../dist/core/cli.js', import.meta.url));

export interface ReadyLine {
  event: 'ready';
  http: string;
  mqtt: string;
}

export interface HydroProcess {
  child: ChildProcess;
  /** Resolves with the ready line, rejects if the process exits first. */
  ready: Promise<ReadyLine>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
  stdout(): string;
  /** SIGTERM and wait for the exit (no-op if it already exited). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'hydro-it-'));
}

export function startHydro(args: string[], env: Record<string, string> = {}): HydroProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env, HYDRO_LOG_LEVEL: env.HYDRO_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<ReadyLine>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      out += `${line}\n`;
      const parsed = tryJson(line);
      if (parsed?.event === 'ready') resolve(parsed as unknown as ReadyLine);
    });
    void exit.then(({ code }) => reject(new Error(`hydro exited (${code}) before ready: ${err}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    exit,
    stderr: () => err,
    stdout: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exit;
    },
  };
}

/** Start on free ports in a fresh data dir and wait for the ready line. */
export async function startReady(extraArgs: string[] = [], env: Record<string, string> = {}) {
  const dataDir = tempDataDir();
  const hydro = startHydro(
    ['serve', '--http-port', '0', '--mqtt-port', '0', '--data-dir', dataDir, ...extraArgs],
    env,
  );
  const ready = await hydro.ready;
  return { hydro, ready, dataDir };
}

function tryJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
