import type { Tone } from '../status-tones.js';

/** Command statuses as a grower reads them: in progress, done, nothing to do, failed. */
export function commandTone(status: string): Tone {
  switch (status) {
    case 'QUEUED':
    case 'SENT':
    case 'ACK':
      return 'info';
    case 'DONE':
      return 'success';
    case 'NO_EFFECT':
      return 'neutral';
    default:
      return 'error';
  }
}

export const isFinished = (status: string): boolean => !['QUEUED', 'SENT', 'ACK'].includes(status);
