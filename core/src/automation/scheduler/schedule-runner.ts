import type { ScheduleOutcome } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { Storage } from '../../storage/storage.js';
import { insideWindow } from '../time/daily-window.js';
import { localIso } from '../time/zoned-time.js';
import type { ScheduleItem } from './schedule-items.js';
import { due, idempotencyKey, type DueResult, type Slot } from './slots.js';

/**
 * One schedule of one zone at one tick (reference-domain §7.2, §7.3): find the due slots since
 * the cursor, record what becomes of every one of them, and move the cursor past what was
 * handled. A slot that must wait (zone busy, tank not ready, replay budget spent) holds the
 * cursor just before it, so the next tick finds it again under the same idempotency key.
 */

/** What executing one slot did. */
export type Execution =
  | { outcome: 'dispatched'; taskId: number | null; details: Record<string, unknown> | null }
  | { outcome: 'busy' }
  | { outcome: 'failed'; reason: string; details: Record<string, unknown> | null };

export interface RunCounters {
  dispatched: number;
  deduplicated: number;
  skipped: number;
  /** Interval runs not replayed plus time/window slots passed over by the catch-up policy. */
  missedWindows: number;
  busy: number;
  failed: number;
}

export interface ItemRun {
  readonly storage: Storage;
  readonly zone: ZoneRecord;
  readonly timezone: string;
  readonly now: number;
  /** First tick since start: window schedules re-assert their state. */
  readonly reassert: boolean;
  /** Catch-up replays left in this tick (every dispatch but the newest of a schedule). */
  readonly budget: { replays: number };
  readonly counters: RunCounters;
  /**
   * The held slot already recorded per `{zone}:{schedule key}`, so a wait is recorded once, not
   * every tick.
   */
  readonly noted: Map<string, string>;
  execute(item: ScheduleItem, slot: Slot, key: string): Promise<Execution>;
}

type Gate = 'control_mode_manual' | 'subsystem_disabled' | 'zone_setup_pending' | null;

/** §7.3, §8.1: nothing in manual; flow tasks only from `ready`. */
function gateOf(zone: ZoneRecord, item: ScheduleItem): Gate {
  if (zone.controlMode === 'manual') return 'control_mode_manual';
  if (item.suppressed) return 'subsystem_disabled';
  if (item.task !== 'lighting' && zone.workflowPhase !== 'ready') return 'zone_setup_pending';
  return null;
}

export async function runItem(run: ItemRun, item: ScheduleItem): Promise<void> {
  const { storage, zone, now, timezone } = run;
  const cursor = await storage.schedule.cursor(zone.id, item.key);
  const result = due(item.spec, cursor, now, timezone);
  const slots = result.dispatch.length > 0 ? result.dispatch : reassertSlot(run, item, cursor);
  if (item.kind !== 'interval') await recordPassedOver(run, item, result, 'skipped');
  const held = await dispatchSlots(run, item, slots);
  if (held === null) {
    if (item.kind === 'interval' && result.dispatch.length > 0)
      await recordPassedOver(run, item, result, 'missed');
    run.noted.delete(`${zone.id}:${item.key}`);
    await storage.schedule.setCursor(zone.id, item.key, result.cursor);
    return;
  }
  // Intervals key their slot by the cursor (the last run), so it stays where the slot came from.
  const at =
    item.spec.kind === 'interval'
      ? held.at - item.spec.everySec * 1000
      : Math.max(cursor ?? -Infinity, held.at - 1);
  if (at !== cursor) await storage.schedule.setCursor(zone.id, item.key, at);
}

/** After a restart a window re-asserts the state it is in, under a key of its own. */
function reassertSlot(run: ItemRun, item: ScheduleItem, cursor: number | null): Slot[] {
  if (!run.reassert || cursor === null || item.spec.kind !== 'window') return [];
  const on = insideWindow(item.spec.window, run.now, run.timezone, item.spec.days);
  return [{ at: run.now, local: localIso(run.now, run.timezone), state: on ? 'on' : 'off' }];
}

/** Returns the slot that has to wait, or null when every slot was handled. */
async function dispatchSlots(
  run: ItemRun,
  item: ScheduleItem,
  slots: readonly Slot[],
): Promise<Slot | null> {
  const gate = gateOf(run.zone, item);
  for (const [index, slot] of slots.entries()) {
    const key = idempotencyKey(run.zone.id, item.task, slot);
    if (gate === 'zone_setup_pending' || (gate !== null && item.kind === 'window')) {
      // Back-pressure: the slot runs once the zone is ready (a window: once mode allows).
      await noteOnce(run, item, slot, key, 'skipped', gate);
      return slot;
    }
    if (gate !== null) {
      await record(run, item, slot, key, 'skipped', gate, null, null);
      continue;
    }
    const replay = index < slots.length - 1;
    if (replay && run.budget.replays <= 0) return slot;
    const execution = await run.execute(item, slot, key);
    if (execution.outcome === 'busy') {
      await noteOnce(run, item, slot, key, 'busy', 'zone_busy');
      return slot;
    }
    if (replay) run.budget.replays -= 1;
    if (execution.outcome === 'failed')
      await record(run, item, slot, key, 'failed', execution.reason, null, execution.details);
    else
      await record(run, item, slot, key, 'dispatched', null, execution.taskId, execution.details);
  }
  return null;
}

/** A waiting slot is recorded when it starts waiting (or waits for another reason). */
async function noteOnce(
  run: ItemRun,
  item: ScheduleItem,
  slot: Slot,
  key: string,
  outcome: ScheduleOutcome,
  reason: string,
): Promise<void> {
  const note = `${key}|${outcome}|${reason}`;
  const noteKey = `${run.zone.id}:${item.key}`;
  if (run.noted.get(noteKey) === note) return;
  run.noted.set(noteKey, note);
  await record(run, item, slot, key, outcome, reason, null, null);
}

/**
 * Slots the tick passes over: time and window slots the catch-up policy does not replay
 * (`skipped`, `catch_up_skip`), interval runs that fell in the gap (`missed`, never replayed).
 * At most MAX_SKIPPED_LISTED are listed; the oldest listed one counts the rest.
 */
async function recordPassedOver(
  run: ItemRun,
  item: ScheduleItem,
  result: DueResult,
  outcome: 'skipped' | 'missed',
): Promise<void> {
  if (result.skippedTotal === 0) return;
  const reason = outcome === 'missed' ? 'interval_not_replayed' : 'catch_up_skip';
  const unlisted = result.skippedTotal - result.skipped.length;
  for (const [index, slot] of result.skipped.entries()) {
    const key = idempotencyKey(run.zone.id, item.task, slot);
    const details = index === 0 && unlisted > 0 ? { unlisted } : null;
    await record(run, item, slot, key, outcome, reason, null, details, false);
  }
  run.counters.missedWindows += result.skippedTotal;
}

async function record(
  run: ItemRun,
  item: ScheduleItem,
  slot: Slot,
  key: string,
  outcome: ScheduleOutcome,
  reason: string | null,
  taskId: number | null,
  details: Record<string, unknown> | null,
  count = true,
): Promise<void> {
  const { created } = await run.storage.schedule.recordRun(
    {
      zoneId: run.zone.id,
      task: item.task,
      slotAt: slot.at,
      idempotencyKey: key,
      outcome,
      reason,
      taskId,
      details: { schedule: item.key, ...(slot.state ? { state: slot.state } : {}), ...details },
    },
    run.now,
  );
  if (!count) return;
  if (outcome === 'dispatched' && !created) run.counters.deduplicated += 1;
  else if (outcome === 'dispatched') run.counters.dispatched += 1;
  else if (outcome === 'skipped') run.counters.skipped += 1;
  else if (outcome === 'busy') run.counters.busy += 1;
  else if (outcome === 'failed') run.counters.failed += 1;
}
