import type { CatchUpPolicy, ScheduleTask, ZoneSchedule } from '../../contracts/schedule.js';
import type { EffectiveTargets, ZoneSettings } from '../../contracts/zones.js';
import { lightingWindow } from '../lighting/photoperiod.js';
import { DEFAULT_CATCH_UP, type CatchUp, type ScheduleSpec } from './slots.js';

/**
 * What is scheduled for a zone (reference-domain §7.1): the recipe's irrigation interval and
 * light window (effective targets: phase values with the zone's overrides) and the zone's own
 * schedule items. Each item has a stable key for its cursor.
 */

export type ScheduleOrigin = 'recipe' | 'zone_schedule';

export interface ScheduleItem {
  /** Cursor key: `recipe:irrigation`, `recipe:lighting` or `zone:{id}`. */
  key: string;
  task: ScheduleTask;
  kind: ScheduleSpec['kind'];
  origin: ScheduleOrigin;
  scheduleId: string | null;
  spec: ScheduleSpec;
  /** The task request (irrigation `duration_sec`). */
  payload: Record<string, unknown>;
  /**
   * Why this item's slots are recorded skipped instead of run (`subsystem_disabled`), or null.
   * Suppressed items are still walked, so the operator sees what did not happen.
   */
  suppressed: string | null;
}

const REPLAY_LIMIT = 3;

export function catchUpOf(policy: CatchUpPolicy | undefined): CatchUp {
  switch (policy) {
    case 'skip':
      return { mode: 'skip' };
    case 'replay_all':
      return { mode: 'replay_all' };
    case 'replay_limited':
      return { mode: 'replay_limited', limit: REPLAY_LIMIT };
    case undefined:
      return DEFAULT_CATCH_UP;
  }
}

function enabledFor(task: ScheduleTask, targets: EffectiveTargets): boolean {
  if (task === 'irrigation') return targets.irrigation.enabled;
  if (task === 'lighting') return targets.lighting.enabled;
  return true;
}

function irrigationPayload(targets: EffectiveTargets, durationSec?: number) {
  const duration = durationSec ?? targets.irrigation.duration_sec;
  return duration === null ? {} : { duration_sec: duration };
}

/** The recipe's schedules: the irrigation interval and the light window, when defined. */
function recipeItems(targets: EffectiveTargets): ScheduleItem[] {
  const items: ScheduleItem[] = [];
  const interval = targets.irrigation.interval_sec;
  if (interval !== null && interval > 0) {
    items.push({
      key: 'recipe:irrigation',
      task: 'irrigation',
      kind: 'interval',
      origin: 'recipe',
      scheduleId: null,
      spec: { kind: 'interval', everySec: interval },
      payload: irrigationPayload(targets),
      suppressed: targets.irrigation.enabled ? null : 'subsystem_disabled',
    });
  }
  const window = lightingWindow({
    startTime: targets.lighting.start_time,
    photoperiodHours: targets.lighting.photoperiod_hours,
  });
  if (window) {
    items.push({
      key: 'recipe:lighting',
      task: 'lighting',
      kind: 'window',
      origin: 'recipe',
      scheduleId: null,
      spec: { kind: 'window', window },
      payload: {},
      suppressed: targets.lighting.enabled ? null : 'subsystem_disabled',
    });
  }
  return items;
}

function specOf(item: ZoneSchedule, zoneCatchUp: CatchUpPolicy | undefined): ScheduleSpec {
  const days = item.days_of_week ?? [];
  switch (item.kind) {
    case 'time':
      return {
        kind: 'time',
        times: typeof item.at === 'string' ? [item.at] : item.at!,
        days,
        catchUp: catchUpOf(item.catch_up ?? zoneCatchUp),
      };
    case 'interval':
      return { kind: 'interval', everySec: item.every_sec! };
    case 'window':
      return { kind: 'window', window: { start: item.start!, end: item.end! }, days };
    case 'once':
      return { kind: 'once', runAt: Date.parse(item.run_at!) };
  }
}

/** Every schedule of the zone; disabled zone items are left out entirely. */
export function scheduleItems(settings: ZoneSettings, targets: EffectiveTargets): ScheduleItem[] {
  const items = recipeItems(targets);
  for (const schedule of settings.schedules ?? []) {
    if (schedule.enabled === false) continue;
    items.push({
      key: `zone:${schedule.id}`,
      task: schedule.task,
      kind: schedule.kind,
      origin: 'zone_schedule',
      scheduleId: schedule.id,
      spec: specOf(schedule, settings.catch_up),
      payload:
        schedule.task === 'irrigation'
          ? irrigationPayload(targets, schedule.payload?.duration_sec)
          : {},
      suppressed: enabledFor(schedule.task, targets) ? null : 'subsystem_disabled',
    });
  }
  return items;
}
