import type { RealtimeEvent } from '../contracts/realtime.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';

/** Publishes a realtime event; the hub stamps `event_id` and `server_ts`. */
export type Publish = (event: Omit<RealtimeEvent, 'event_id' | 'server_ts'>) => void;

/** What every domain service gets: one object, not a row of positional arguments. */
export interface DomainContext {
  readonly storage: Storage;
  clock: Clock;
  logger: Logger;
  publish: Publish;
}

/**
 * Records a mutation in the audit log: who (`actor`), what (`action`, e.g. `zone.update`), on
 * which record, and the change (`diff`).
 */
export async function audit(
  ctx: DomainContext,
  actor: string,
  action: string,
  target: { type: string; id: number | string },
  diff: Record<string, unknown> | null,
): Promise<void> {
  await ctx.storage.audit.insert({
    actor,
    action,
    targetType: target.type,
    targetId: target.id,
    diff,
    at: ctx.clock.now(),
  });
}

/** `{ field: [before, after] }` for the fields `patch` changes. */
export function changes<T extends object>(
  before: T,
  patch: Partial<T>,
): Record<string, [unknown, unknown]> {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const [field, value] of Object.entries(patch) as [keyof T & string, unknown][]) {
    if (value === undefined || JSON.stringify(before[field]) === JSON.stringify(value)) continue;
    diff[field] = [before[field], value];
  }
  return diff;
}
