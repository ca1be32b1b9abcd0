import { EventEmitter } from 'node:events';
import type { ComponentHealth, ComponentState } from '../contracts/health.js';
import type { Clock } from './clock.js';
import type { Component, ComponentStatus } from './component.js';
import type { Logger } from './logger.js';

interface Entry {
  component: Component;
  /** Lifecycle state tracked here; the component refines it while running. */
  phase: ComponentState;
  error: string | null;
  since: number;
  /** Last reported status, serialised, and its state: a change of state moves `since`. */
  last: string;
  lastState: ComponentState;
}

/**
 * Starts components in dependency order (the order given), stops them in reverse. A failed start
 * stops what already started, so nothing is left half-running; stop() is idempotent.
 */
export class Lifecycle extends EventEmitter<{ change: [] }> {
  private readonly entries: Entry[];
  private stopping: Promise<void> | undefined;

  constructor(
    components: Component[],
    private readonly ctx: { clock: Clock; logger: Logger },
  ) {
    super();
    const now = ctx.clock.now();
    this.entries = components.map((component) => ({
      component,
      phase: 'stopped',
      error: null,
      since: now,
      last: '',
      lastState: 'stopped',
    }));
  }

  async start(): Promise<void> {
    // A stopped lifecycle may start again (a restore restarts every component on the new store).
    this.stopping = undefined;
    for (const entry of this.entries) {
      this.setPhase(entry, 'starting');
      try {
        await entry.component.start();
        this.setPhase(entry, 'healthy');
      } catch (error) {
        entry.error = (error as Error).message;
        this.setPhase(entry, 'failed');
        this.ctx.logger.error(
          { component: entry.component.name, err: error },
          'component failed to start',
        );
        await this.stop();
        throw error;
      }
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  /** Health of every component; running components report their own state. */
  health(): ComponentHealth[] {
    return this.entries.map((entry) => {
      const status = this.statusOf(entry);
      return {
        name: entry.component.name,
        state: status.state,
        detail: status.detail,
        since: new Date(entry.since).toISOString(),
        metrics: status.metrics,
      };
    });
  }

  /** Re-read component states and emit `change` when any differs from the last reading. */
  poll(): void {
    let changed = false;
    for (const entry of this.entries) {
      const status = this.statusOf(entry);
      const key = JSON.stringify(status);
      if (key === entry.last) continue;
      if (status.state !== entry.lastState) entry.since = this.ctx.clock.now();
      entry.lastState = status.state;
      entry.last = key;
      changed = true;
    }
    if (changed) this.emit('change');
  }

  private async stopAll(): Promise<void> {
    for (const entry of [...this.entries].reverse()) {
      if (entry.phase !== 'healthy' && entry.phase !== 'starting') continue;
      try {
        await entry.component.stop();
      } catch (error) {
        this.ctx.logger.error(
          { component: entry.component.name, err: error },
          'component failed to stop',
        );
      }
      this.setPhase(entry, 'stopped');
    }
  }

  private statusOf(entry: Entry): ComponentStatus {
    if (entry.phase === 'healthy') return entry.component.status();
    return { state: entry.phase, detail: entry.error, metrics: {} };
  }

  private setPhase(entry: Entry, phase: ComponentState): void {
    entry.phase = phase;
    entry.since = this.ctx.clock.now();
    const status = this.statusOf(entry);
    entry.last = JSON.stringify(status);
    entry.lastState = status.state;
    this.emit('change');
  }
}
