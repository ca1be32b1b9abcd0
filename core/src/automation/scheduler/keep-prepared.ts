import { HydroError } from '../../runtime/errors.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { SchedulerContext, TaskStarter } from './dispatcher.js';

/**
 * Auto mode keeps the zone's tank prepared (the reference's scheduled `start-cycle`, §7.1): a
 * zone in auto with a running grow cycle, `idle` and with no task, gets a preparation task — the
 * first one after the cycle starts, and the next after a task that ended normally left the zone
 * idle (irrigation that ran the tank low). Never after a failure: a failed task, an E-stop
 * included, waits for the operator (reference-domain §11.12). The last task's id keys the start,
 * so one ending is answered by one preparation at most. Returns the task id it started.
 */
export async function keepPrepared(
  ctx: SchedulerContext,
  engine: TaskStarter,
  zone: ZoneRecord,
): Promise<number | null> {
  if (zone.controlMode !== 'auto' || zone.workflowPhase !== 'idle') return null;
  const cycle = await ctx.storage.cycles.activeForZone(zone.id);
  if (cycle?.status !== 'RUNNING') return null;
  const [last] = await ctx.storage.tasks.listForZone(zone.id, 1);
  if (last && last.status !== 'completed') return null;
  try {
    const task = await engine.startTask({
      zoneId: zone.id,
      kind: 'cycle_start',
      source: 'scheduler',
      idempotencyKey: `prepare:zone:${zone.id}:after:${last?.id ?? 0}`,
    });
    return task.id;
  } catch (error) {
    if (error instanceof HydroError && error.code === 'zone_busy') return null;
    throw error;
  }
}
