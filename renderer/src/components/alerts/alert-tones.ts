import type { AlertSeverity } from '@contracts/alerts.js';
import type { Tone } from '../status-tones';

export const SEVERITY_TONES: Record<AlertSeverity, Tone> = {
  info: 'info',
  warning: 'warning',
  error: 'error',
  critical: 'error',
};
