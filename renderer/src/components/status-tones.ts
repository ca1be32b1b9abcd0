import type { ComponentState, OverallState } from '@contracts/health.js';
import type { ConnectionStatus } from '../api/realtime.js';

/** The only colours the UI uses for meaning (reference-backend-ui.md §4.1). */
export type Tone = 'success' | 'warning' | 'error' | 'info' | 'neutral';

export const COMPONENT_STATE_TONES: Record<ComponentState, Tone> = {
  stopped: 'neutral',
  starting: 'info',
  healthy: 'success',
  degraded: 'warning',
  failed: 'error',
};

export const OVERALL_STATE_TONES: Record<OverallState, Tone> = {
  starting: 'info',
  ok: 'success',
  degraded: 'warning',
  failed: 'error',
  stopping: 'neutral',
};

export const CONNECTION_TONES: Record<ConnectionStatus['state'], Tone> = {
  connecting: 'neutral',
  connected: 'success',
  reconnecting: 'warning',
};
