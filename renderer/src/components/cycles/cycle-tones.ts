import type { CycleStatus } from '@contracts/cycles.js';
import type { Tone } from '../status-tones';

export const CYCLE_TONES: Record<CycleStatus, Tone> = {
  PLANNED: 'info',
  RUNNING: 'success',
  PAUSED: 'warning',
  HARVESTED: 'neutral',
  ABORTED: 'neutral',
};
