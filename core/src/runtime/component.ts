import type { ComponentState } from '../contracts/health.js';

/** Figures a component reports on the System page (port, clients, file size…). */
export type ComponentMetrics = Record<string, number | string | boolean>;

export interface ComponentStatus {
  state: ComponentState;
  detail: string | null;
  metrics: ComponentMetrics;
}

/**
 * A unit of the core with I/O. Constructors only assign fields; I/O happens in start(), and stop()
 * undoes it. `status()` is cheap and may be polled.
 */
export interface Component {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): ComponentStatus;
}
