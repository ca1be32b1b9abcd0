import type { Health } from '../../core/src/contracts/health.js';
import type { CoreFailureKind, SupervisorState } from './supervisor.js';

/** Drives the tray icon colour: green, amber, red, grey. */
export type StatusLevel = 'ok' | 'warning' | 'error' | 'idle';

/** What the tray and the status page tell the user about the controller. */
export interface DesktopStatus {
  level: StatusLevel;
  headline: string;
  detail: string | null;
}

const FAILURE_HEADLINES: Record<CoreFailureKind, string> = {
  refused: 'Controller could not start',
  crashed: 'Controller stopped unexpectedly',
  'ready-timeout': 'Controller did not start in time',
  'spawn-failed': 'Controller could not be launched',
};

/**
 * Combines the supervisor's view of the core process with the health the core reports over its
 * realtime feed (null until the first health event of this run).
 */
export function describeStatus(
  state: SupervisorState,
  health: Health | null,
  now: number,
): DesktopStatus {
  switch (state.kind) {
    case 'stopped':
      return { level: 'idle', headline: 'Controller stopped', detail: null };
    case 'stopping':
      return { level: 'idle', headline: 'Stopping the controller…', detail: null };
    case 'starting':
      return {
        level: 'idle',
        headline: state.attempt > 1 ? 'Restarting the controller…' : 'Starting the controller…',
        detail: state.attempt > 1 ? `Attempt ${state.attempt}` : null,
      };
    case 'waiting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return {
        level: 'error',
        headline: FAILURE_HEADLINES[state.failure.kind],
        detail: `${state.failure.message} Retrying in ${seconds} s (attempt ${state.failures + 1}).`,
      };
    }
    case 'running':
      return describeHealth(health);
  }
}

function describeHealth(health: Health | null): DesktopStatus {
  if (health === null) return { level: 'ok', headline: 'Controller running', detail: null };
  const troubled = health.components
    .filter((component) => component.state === 'failed' || component.state === 'degraded')
    .map((component) => `${component.name}: ${component.detail ?? component.state}`)
    .join('; ');
  const detail = troubled === '' ? null : troubled;
  switch (health.state) {
    case 'ok':
      return { level: 'ok', headline: 'Controller running', detail: null };
    case 'starting':
      return { level: 'idle', headline: 'Controller starting…', detail };
    case 'stopping':
      return { level: 'idle', headline: 'Controller stopping…', detail };
    case 'degraded':
      return { level: 'warning', headline: 'Controller degraded', detail };
    case 'failed':
      return { level: 'error', headline: 'Controller failed', detail };
  }
}
