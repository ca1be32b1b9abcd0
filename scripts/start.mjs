// `npm start`: the desktop app where Electron can run, otherwise the headless server, announced in
// one line (architecture.md §7). Extra arguments go to the program started, e.g.
// `npm start -- --demo` for the headless server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORE_CLI = fileURLToPath(new URL('../dist/core/cli.js', import.meta.url));
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
// npm forwards the terminal's Ctrl+C to its script as well, so one keypress can arrive twice.
const DUPLICATE_SIGNAL_MS = 1000;

/** The Electron executable, or why the desktop window cannot open here. */
function findElectron() {
  let binary;
  try {
    // The electron package's index.js throws when its binary was never downloaded: package.json's
    // allowScripts blocks that download so `npm ci` works without GitHub.
    binary = createRequire(import.meta.url)('electron');
  } catch {
    binary = null;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return {
      reason:
        'Electron binary not installed: run "npm run electron:install" where GitHub downloads work',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  }
  return { binary };
}

/** Runs `command` in the foreground: signals are passed on, and its exit code becomes ours. */
function runForeground(command, args) {
  const env = { ...process.env };
  // Set in some editors' terminals; it would turn Electron into plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const posix = process.platform !== 'win32';
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Its own process group, so a terminal Ctrl+C reaches it once, through us. A second SIGINT
    // makes both the core and Electron exit at once, skipping their clean shutdown. On Windows
    // the console delivers Ctrl+C to the child itself, and detaching would open a new console.
    detached: posix,
  });
  let lastForward = 0;
  const forward = (signal) => {
    const now = Date.now();
    if (now - lastForward < DUPLICATE_SIGNAL_MS) return;
    lastForward = now;
    child.kill(signal);
  };
  if (posix) for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  child.on('error', (error) => {
    console.error(`hydro: could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

const electron = findElectron();
const extraArgs = process.argv.slice(2);
if (electron.binary) {
  runForeground(electron.binary, [ROOT, ...extraArgs]);
} else {
  console.log(`hydro: desktop window unavailable (${electron.reason}); serving headless instead`);
  runForeground(process.execPath, [CORE_CLI, 'serve', ...extraArgs]);
}
