import type { ZoneRecord } from '../../storage/domain-types.js';
import type { RuntimeContext } from './runtime-context.js';
import { setPhase } from './task-outcomes.js';
import type { ZoneIo } from './zone-io.js';

/**
 * The ready-state guard (reference-domain §5.4): a zone `ready` with no task whose
 * `level_solution_min` reads fresh and dry has no solution to irrigate from any more (irrigation
 * or a leak ran it down after the last task ended). It goes back to `idle`, so irrigation is
 * refused until a new preparation; in auto, keep-prepared then starts one. A stale or missing
 * level changes nothing. Returns whether the zone was reset.
 */
export async function readyGuard(
  ctx: RuntimeContext,
  io: ZoneIo,
  zone: ZoneRecord,
): Promise<boolean> {
  if (zone.workflowPhase !== 'ready') return false;
  if (await ctx.storage.tasks.activeForZone(zone.id)) return false;
  if (!(await io.has('level_solution_min'))) return false;
  const level = await io.level('level_solution_min');
  if (level.triggered !== false) return false;
  await ctx.zoneEvents.record(zone.id, 'READY_GUARD_SOLUTION_LOW', { level_ts: level.ts });
  await setPhase(ctx, zone, 'idle');
  return true;
}
