import { HealthSchema, type Health } from '@contracts/health.js';
import { getData } from './http.js';

/** Current state of every core component (`GET /api/health`). */
export function fetchHealth(): Promise<Health> {
  return getData('/api/health', HealthSchema);
}
