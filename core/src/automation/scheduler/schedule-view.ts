import type { ScheduleQuery, ZoneScheduleView } from '../../contracts/schedule.js';
import type { EffectiveTargets } from '../../contracts/zones.js';
import type { ScheduleRunRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { Storage } from '../../storage/storage.js';
import { scheduleItems } from './schedule-items.js';
import { upcomingSlots } from './upcoming.js';

/** Horizon lengths of the schedule view. */
export const HORIZON_MS = { '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
/** The runs listed; the counters cover every run of the past horizon. */
export const RECENT_RUNS_LISTED = 200;
/** Runs counted per view: a week of 1-minute slots on a few schedules fits. */
const MAX_RUNS_COUNTED = 50_000;
const MAX_WINDOWS = 2_000;

export interface ScheduleViewInput {
  storage: Storage;
  zone: ZoneRecord;
  timezone: string;
  targets: EffectiveTargets;
  now: number;
  horizon: ScheduleQuery['horizon'];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The zone's schedule (reference-backend-ui §2.4, condensed): its schedules (lanes), the slots
 * they offer over the coming horizon, the runs of the past horizon with their outcome and reason,
 * and counters per outcome, `missed` being the interval runs that were never replayed.
 */
export async function scheduleView(input: ScheduleViewInput): Promise<ZoneScheduleView> {
  const { storage, zone, timezone, now } = input;
  const span = HORIZON_MS[input.horizon];
  const lanes: ZoneScheduleView['lanes'] = [];
  const windows: ZoneScheduleView['windows'] = [];
  for (const item of scheduleItems(zone.settings, input.targets)) {
    const cursor = await storage.schedule.cursor(zone.id, item.key);
    lanes.push({
      key: item.key,
      task: item.task,
      kind: item.kind,
      origin: item.origin,
      schedule_id: item.scheduleId,
      suppressed: item.suppressed,
      cursor_at: cursor === null ? null : iso(cursor),
    });
    for (const slot of upcomingSlots(item, cursor, now, now + span, timezone)) {
      windows.push({
        key: item.key,
        task: item.task,
        kind: item.kind,
        origin: item.origin,
        at: iso(slot.at),
        local: slot.local,
        state: slot.state ?? null,
      });
    }
  }
  windows.sort((a, b) => a.at.localeCompare(b.at));
  const runs = await storage.schedule.runs(zone.id, {
    fromMs: now - span,
    toMs: now + 1,
    limit: MAX_RUNS_COUNTED,
  });
  return {
    zone_id: zone.id,
    timezone,
    control_mode: zone.controlMode,
    horizon: input.horizon,
    from: iso(now),
    to: iso(now + span),
    lanes,
    windows: windows.slice(0, MAX_WINDOWS),
    recent_runs: runs.slice(0, RECENT_RUNS_LISTED).map(runView),
    counters: countRuns(runs),
  };
}

function countRuns(runs: readonly ScheduleRunRecord[]): ZoneScheduleView['counters'] {
  const counters = { dispatched: 0, skipped: 0, missed: 0, busy: 0, failed: 0 };
  for (const run of runs) {
    counters[run.outcome] += 1;
    // Only the latest 100 passed-over slots of one gap are listed; the oldest counts the rest.
    const unlisted = run.details?.unlisted;
    if (typeof unlisted === 'number') counters[run.outcome] += unlisted;
  }
  return counters;
}

function runView(run: ScheduleRunRecord): ZoneScheduleView['recent_runs'][number] {
  return {
    id: run.id,
    task: run.task,
    slot_at: iso(run.slotAt),
    idempotency_key: run.idempotencyKey,
    outcome: run.outcome,
    reason: run.reason,
    task_id: run.taskId,
    details: run.details,
    created_at: iso(run.createdAt),
  };
}
