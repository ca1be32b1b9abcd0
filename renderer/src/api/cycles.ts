import { z } from 'zod';
import {
  CycleDetailSchema,
  CycleViewSchema,
  type CreateCycleRequest,
  type CycleDetail,
  type CycleStatus,
} from '@contracts/cycles.js';
import { getData, sendData } from './http.js';

/** Grow cycles (reference-backend-ui.md §2.7). */

export type CycleActionName = 'start' | 'pause' | 'resume' | 'advance-phase' | 'abort';

export function fetchCycles(filter: { zoneId?: number; status?: CycleStatus } = {}) {
  const params = new URLSearchParams();
  if (filter.zoneId !== undefined) params.set('zone_id', String(filter.zoneId));
  if (filter.status !== undefined) params.set('status', filter.status);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  return getData(`/api/grow-cycles${query}`, z.array(CycleViewSchema));
}

export function fetchCycle(id: number): Promise<CycleDetail> {
  return getData(`/api/grow-cycles/${id}`, CycleDetailSchema);
}

/** A PLANNED cycle from a PUBLISHED revision (RUNNING at once with `start_immediately`). */
export function createCycle(
  zoneId: number,
  input: Partial<CreateCycleRequest> & { recipe_revision_id: number },
): Promise<CycleDetail> {
  return sendData('POST', `/api/zones/${zoneId}/grow-cycles`, input, CycleDetailSchema);
}

export function actOnCycle(id: number, action: CycleActionName): Promise<CycleDetail> {
  return sendData('POST', `/api/grow-cycles/${id}/${action}`, {}, CycleDetailSchema);
}

export function setCyclePhase(id: number, phaseIndex: number): Promise<CycleDetail> {
  const body = { phase_index: phaseIndex };
  return sendData('POST', `/api/grow-cycles/${id}/set-phase`, body, CycleDetailSchema);
}

export function harvestCycle(
  id: number,
  input: { yield_kg?: number; actual_harvest_at?: string },
): Promise<CycleDetail> {
  return sendData('POST', `/api/grow-cycles/${id}/harvest`, input, CycleDetailSchema);
}
