import { createInterface } from 'node:readline';
import { utilityProcess, type UtilityProcess } from 'electron';
import { parseReadyLine, summarizeStderrLine } from './core-output.js';
import type { CoreProcess, CoreSpawner } from './supervisor.js';

export interface CoreLaunch {
  /** Path of `dist/core/cli.js`. */
  cliPath: string;
  args: string[];
  /** Secret the core accepts as the local admin's session cookie (HYDRO_DESKTOP_TOKEN). */
  desktopToken: string;
}

/** Time allowed for stderr to drain after exit, so the refusal message is not lost. */
const STDERR_DRAIN_MS = 500;

/**
 * Starts the core as an Electron utility process (ADR 0003): a Node child launched through
 * Chromium's services API, so it keeps working when the RunAsNode fuse is off in packaged builds.
 * stdout carries the ready line; stderr (the core's logs) is echoed to this process's stderr and
 * its last meaningful line explains an exit.
 */
export function createCoreSpawner(launch: CoreLaunch): CoreSpawner {
  return (events) => {
    const child = utilityProcess.fork(launch.cliPath, launch.args, {
      serviceName: 'Hydro core',
      stdio: 'pipe',
      env: { ...process.env, HYDRO_DESKTOP_TOKEN: launch.desktopToken },
    });
    let ready = false;
    let lastError: string | null = null;

    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const endpoints = ready ? null : parseReadyLine(line);
        if (endpoints) {
          ready = true;
          events.ready(endpoints);
        } else {
          process.stderr.write(`[core stdout] ${line}\n`);
        }
      });
    }
    const stderrDrained = new Promise<void>((resolve) => {
      if (!child.stderr) return resolve();
      createInterface({ input: child.stderr })
        .on('line', (line) => {
          process.stderr.write(`[core] ${line}\n`);
          lastError = summarizeStderrLine(line) ?? lastError;
        })
        .on('close', resolve);
    });

    child.once('exit', (code) => {
      // 'exit' can overtake the last stderr chunk; wait briefly so the message is not lost.
      const drainTimeout = new Promise<void>((resolve) => setTimeout(resolve, STDERR_DRAIN_MS));
      void Promise.race([stderrDrained, drainTimeout]).then(() => events.exit({ code, lastError }));
    });

    return processControls(child);
  };
}

function processControls(child: UtilityProcess): CoreProcess {
  return {
    terminate: () => {
      child.kill();
    },
    kill: () => {
      // utilityProcess.kill() only sends SIGTERM; a core stuck past the grace period gets SIGKILL.
      // pid is undefined once Electron has seen the exit, so an exited core is never signalled.
      if (child.pid === undefined) return;
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch (error) {
        // ESRCH: it exited between the check and the signal, which is what we wanted.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    },
  };
}
