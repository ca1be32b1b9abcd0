import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock, Timer } from './clock.js';
import type { CoreEndpoints } from './core-output.js';

/** How a core process ended. */
export interface CoreExit {
  code: number;
  /** The last meaningful stderr line (see `summarizeStderrLine`), if there was one. */
  lastError: string | null;
}

/** What a spawned core reports back. Called asynchronously, never from inside `spawn`. */
export interface CoreProcessEvents {
  ready(endpoints: CoreEndpoints): void;
  exit(exit: CoreExit): void;
}

/** One core process, as the supervisor controls it. */
export interface CoreProcess {
  /** Asks for a clean stop (SIGTERM: the core flushes telemetry and closes the broker). */
  terminate(): void;
  /** Ends the process now, for a core that ignored `terminate`. */
  kill(): void;
}

export type CoreSpawner = (events: CoreProcessEvents) => CoreProcess;

export type CoreFailureKind = 'refused' | 'crashed' | 'ready-timeout' | 'spawn-failed';

export interface CoreFailure {
  kind: CoreFailureKind;
  message: string;
}

export type SupervisorState =
  | { kind: 'stopped' }
  | { kind: 'starting'; attempt: number }
  | { kind: 'running'; endpoints: CoreEndpoints; since: number }
  | { kind: 'waiting'; failure: CoreFailure; failures: number; retryAt: number }
  | { kind: 'stopping' };

export interface SupervisorOptions {
  spawn: CoreSpawner;
  clock: Clock;
  backoff: BackoffPolicy;
  /** A core that has not printed its ready line by then is stopped and restarted. */
  readyTimeoutMs: number;
  /** A core that ran at least this long before dying starts a fresh back-off series. */
  stableRunMs: number;
  /** How long `terminate` may take before the process is killed. */
  stopGraceMs: number;
}

/** The CLI's exit code for "startup refused" (port in use, data dir locked, bad config). */
const EXIT_STARTUP_REFUSED = 2;

/** Turns a process exit into the failure shown in the tray and the window. */
export function describeExit(exit: CoreExit): CoreFailure {
  if (exit.code === EXIT_STARTUP_REFUSED) {
    return {
      kind: 'refused',
      message: exit.lastError ?? 'The core refused to start (exit code 2).',
    };
  }
  const base = `The core exited with code ${exit.code}`;
  return { kind: 'crashed', message: exit.lastError ? `${base}: ${exit.lastError}` : `${base}.` };
}

/**
 * Keeps one core process alive: spawns it, waits for its ready line, restarts it with back-off when
 * it dies, and stops it on request (terminate, then kill after a grace period). Pure: the process
 * and the time are injected, so the restart policy is unit-tested without Electron.
 */
export class CoreSupervisor {
  #state: SupervisorState = { kind: 'stopped' };
  #child: CoreProcess | null = null;
  /** Identifies the current child so late events from an earlier one are ignored. */
  #generation = 0;
  #failures = 0;
  /** Set when the supervisor itself ended the child (ready timeout), to report why. */
  #pendingFailure: CoreFailure | null = null;
  #retryTimer: Timer | null = null;
  #readyTimer: Timer | null = null;
  #killTimer: Timer | null = null;
  #stopWaiters: (() => void)[] = [];
  readonly #listeners = new Set<(state: SupervisorState) => void>();

  constructor(private readonly options: SupervisorOptions) {}

  get state(): SupervisorState {
    return this.#state;
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (state: SupervisorState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (this.#state.kind !== 'stopped') return;
    this.#failures = 0;
    this.#launch();
  }

  /** Stops the core (and any pending restart); resolves once the process has exited. */
  stop(): Promise<void> {
    this.#cancel('retry', 'ready');
    if (this.#child === null) {
      this.#setState({ kind: 'stopped' });
      return Promise.resolve();
    }
    const stopped = new Promise<void>((resolve) => this.#stopWaiters.push(resolve));
    if (this.#state.kind !== 'stopping') {
      this.#setState({ kind: 'stopping' });
      this.#terminateChild();
    }
    return stopped;
  }

  #launch(): void {
    this.#retryTimer = null;
    const generation = ++this.#generation;
    this.#pendingFailure = null;
    this.#setState({ kind: 'starting', attempt: this.#failures + 1 });
    try {
      this.#child = this.options.spawn({
        ready: (endpoints) => this.#onReady(generation, endpoints),
        exit: (exit) => this.#onExit(generation, exit),
      });
    } catch (error) {
      this.#child = null;
      this.#fail({
        kind: 'spawn-failed',
        message: `The core could not be launched: ${String(error)}`,
      });
      return;
    }
    this.#readyTimer = this.options.clock.setTimeout(
      () => this.#onReadyTimeout(generation),
      this.options.readyTimeoutMs,
    );
  }

  #onReady(generation: number, endpoints: CoreEndpoints): void {
    if (generation !== this.#generation || this.#state.kind !== 'starting') return;
    this.#cancel('ready');
    this.#setState({ kind: 'running', endpoints, since: this.options.clock.now() });
  }

  #onReadyTimeout(generation: number): void {
    if (generation !== this.#generation || this.#state.kind !== 'starting') return;
    this.#readyTimer = null;
    const seconds = Math.round(this.options.readyTimeoutMs / 1000);
    this.#pendingFailure = {
      kind: 'ready-timeout',
      message: `The core did not report ready within ${seconds} s.`,
    };
    this.#terminateChild();
  }

  #onExit(generation: number, exit: CoreExit): void {
    if (generation !== this.#generation) return;
    this.#child = null;
    this.#cancel('ready', 'kill');
    if (this.#state.kind === 'stopping') {
      this.#setState({ kind: 'stopped' });
      for (const resolve of this.#stopWaiters.splice(0)) resolve();
      return;
    }
    const state = this.#state;
    if (
      state.kind === 'running' &&
      this.options.clock.now() - state.since >= this.options.stableRunMs
    ) {
      this.#failures = 0;
    }
    this.#fail(this.#pendingFailure ?? describeExit(exit));
  }

  #fail(failure: CoreFailure): void {
    this.#failures += 1;
    const delay = backoffDelay(this.options.backoff, this.#failures);
    const retryAt = this.options.clock.now() + delay;
    this.#setState({ kind: 'waiting', failure, failures: this.#failures, retryAt });
    this.#retryTimer = this.options.clock.setTimeout(() => this.#launch(), delay);
  }

  #terminateChild(): void {
    const child = this.#child;
    if (child === null) return;
    child.terminate();
    this.#killTimer ??= this.options.clock.setTimeout(() => {
      this.#killTimer = null;
      child.kill();
    }, this.options.stopGraceMs);
  }

  #cancel(...timers: ('retry' | 'ready' | 'kill')[]): void {
    if (timers.includes('retry')) this.#retryTimer = cancelTimer(this.#retryTimer);
    if (timers.includes('ready')) this.#readyTimer = cancelTimer(this.#readyTimer);
    if (timers.includes('kill')) this.#killTimer = cancelTimer(this.#killTimer);
  }

  #setState(state: SupervisorState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}

function cancelTimer(timer: Timer | null): null {
  timer?.cancel();
  return null;
}
