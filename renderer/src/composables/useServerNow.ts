import { computed, type ComputedRef } from 'vue';
import { useHealthStore } from '../stores/health.js';
import { useNow } from './useNow.js';

/**
 * The core's current time in ms, ticking every `intervalMs`: ages such as "last seen 5 s ago"
 * compare core timestamps with it, so a phone whose clock is off still reads them right.
 */
export function useServerNow(intervalMs: number): ComputedRef<number> {
  const now = useNow(intervalMs);
  const health = useHealthStore();
  return computed(() => now.value + health.clockOffsetMs);
}
