import {
  insideWindow,
  lastTransition,
  transitionsBetween,
  type DailyWindow,
  type Weekdays,
} from '../time/daily-window.js';
import {
  DAY_MS,
  addDays,
  daysBetween,
  isoWeekday,
  localDateTime,
  localIso,
  parseTimeOfDay,
  resolveLocal,
} from '../time/zoned-time.js';

/**
 * Which schedule slots are due at a dispatcher tick (reference-domain §7.2, §7.3, §6.1). Pure: the
 * dispatcher passes the persisted cursor, the tick time and the greenhouse time zone, dispatches
 * `dispatch`, records `skipped` as missed windows, then persists `cursor`. When a dispatch is
 * refused (zone busy, 409) it keeps the old cursor so the slot comes round again next tick.
 *
 * One local-time policy (the reference mixes UTC, greenhouse and process time, §7.2 [Δ]): every
 * wall time here is in the greenhouse zone, with the DST rule of zoned-time.ts: a slot inside the
 * spring-forward gap runs shifted by the gap (02:30 → 03:30), a slot in the repeated autumn hour
 * runs once, at its first occurrence. Intervals are elapsed time and ignore clock changes.
 */

export type CatchUp =
  /** Fire once (the latest missed slot); the rest are recorded as skipped. */
  | { mode: 'skip' }
  /** Replay the latest `limit` missed slots (reference default: 3). */
  | { mode: 'replay_limited'; limit: number }
  | { mode: 'replay_all' };

export type ScheduleSpec =
  /** Drifting: due when `cursor + everySec ≤ now`; missed runs are counted, never replayed. */
  | { kind: 'interval'; everySec: number }
  /** Wall times `HH:MM`; `days` are ISO weekdays (empty = every day). */
  | { kind: 'time'; times: readonly string[]; days?: Weekdays; catchUp: CatchUp }
  /** Dispatch the window's state (`on`/`off`) when it changes (lighting boundaries). */
  | { kind: 'window'; window: DailyWindow; days?: Weekdays }
  /** Run once at `runAt` (ms), however late. */
  | { kind: 'once'; runAt: number };

export interface Slot {
  /** The slot's nominal instant (ms), not the tick that found it. */
  at: number;
  /** `at` as local ISO time with offset: the stable part of the idempotency key. */
  local: string;
  /** Window slots: the state to assert. */
  state?: 'on' | 'off';
}

export interface DueResult {
  /** Slots to dispatch now, oldest first. */
  dispatch: Slot[];
  /** Missed slots to record as skipped, oldest first; at most MAX_SKIPPED_LISTED (the latest). */
  skipped: Slot[];
  /** All missed slots, including those beyond the list. */
  skippedTotal: number;
  /** The cursor to persist once this result has been handled. */
  cursor: number;
  /** True when the cursor was older than MAX_LOOKBACK_MS and the slots before that were ignored. */
  lookbackClamped: boolean;
}

export const DEFAULT_CATCH_UP: CatchUp = { mode: 'replay_limited', limit: 3 };
/** The dispatcher's default cursor for a new schedule looks this far back (§7.2: max(30 s, interval)). */
export const MIN_LOOKBACK_MS = 30_000;
/** After a long outage, time and window slots older than this are not enumerated. */
export const MAX_LOOKBACK_MS = 7 * DAY_MS;
export const MAX_SKIPPED_LISTED = 100;

/** `sch:z{zone}:{task}:{local ISO}[:{state}]`, the reference's intent key shape (§7.3). */
export function idempotencyKey(zoneId: number, task: string, slot: Slot): string {
  const state = slot.state ? `:${slot.state}` : '';
  return `sch:z${zoneId}:${task}:${slot.local}${state}`;
}

/**
 * Slots due at `now`. `cursor` is the instant up to which slots were handled (null: a schedule that
 * never ran). For intervals it is the last run, so it only moves when a run is dispatched.
 */
export function due(
  spec: ScheduleSpec,
  cursor: number | null,
  now: number,
  timeZone: string,
): DueResult {
  switch (spec.kind) {
    case 'interval':
      return dueInterval(spec.everySec, cursor, now, timeZone);
    case 'time':
      return dueTimes(spec, cursor, now, timeZone);
    case 'window':
      return dueWindow(spec, cursor, now, timeZone);
    case 'once': {
      const fire = spec.runAt <= now && (cursor === null || cursor < spec.runAt);
      const dispatch = fire ? [slotAt(spec.runAt, timeZone)] : [];
      return { ...result(dispatch, [], now), lookbackClamped: false };
    }
  }
}

function slotAt(at: number, timeZone: string, state?: 'on' | 'off'): Slot {
  return state
    ? { at, local: localIso(at, timeZone), state }
    : { at, local: localIso(at, timeZone) };
}

function result(
  dispatch: Slot[],
  missed: Slot[],
  cursor: number,
): Omit<DueResult, 'lookbackClamped'> {
  return {
    dispatch,
    skipped: missed.slice(-MAX_SKIPPED_LISTED),
    skippedTotal: missed.length,
    cursor,
  };
}

function dueInterval(
  everySec: number,
  cursor: number | null,
  now: number,
  timeZone: string,
): DueResult {
  if (!(everySec > 0)) throw new RangeError(`interval must be positive, got ${everySec}`);
  const every = everySec * 1000;
  const last = cursor ?? now - Math.max(MIN_LOOKBACK_MS, every);
  const periods = Math.floor((now - last) / every);
  if (periods < 1) return { ...result([], [], last), lookbackClamped: false };
  // The first overdue slot is the one dispatched: its key depends only on the cursor, so a
  // duplicate tick before the cursor is saved yields the same key and is deduplicated.
  const missedCount = periods - 1;
  const listed = Math.min(missedCount, MAX_SKIPPED_LISTED);
  const skipped: Slot[] = [];
  for (let k = periods - listed + 1; k <= periods; k++)
    skipped.push(slotAt(last + k * every, timeZone));
  return {
    dispatch: [slotAt(last + every, timeZone)],
    skipped,
    skippedTotal: missedCount,
    cursor: now,
    lookbackClamped: false,
  };
}

function lookbackFrom(cursor: number | null, now: number): { from: number; clamped: boolean } {
  const from = cursor ?? now - MIN_LOOKBACK_MS;
  return from < now - MAX_LOOKBACK_MS
    ? { from: now - MAX_LOOKBACK_MS, clamped: true }
    : { from, clamped: false };
}

function dueTimes(
  spec: Extract<ScheduleSpec, { kind: 'time' }>,
  cursor: number | null,
  now: number,
  timeZone: string,
): DueResult {
  const minutes = spec.times.map(parseTimeOfDay);
  const { from, clamped } = lookbackFrom(cursor, now);
  if (now <= from) return { ...result([], [], Math.max(now, from)), lookbackClamped: false };
  const first = localDateTime(from, timeZone);
  const span = daysBetween(first, localDateTime(now, timeZone));
  const instants = new Set<number>();
  for (let i = 0; i <= span; i++) {
    const date = addDays(first, i);
    if (spec.days && spec.days.length > 0 && !spec.days.includes(isoWeekday(date))) continue;
    for (const m of minutes) {
      const { instant } = resolveLocal(date, m, timeZone);
      if (instant > from && instant <= now) instants.add(instant);
    }
  }
  const slots = [...instants].sort((a, b) => a - b).map((t) => slotAt(t, timeZone));
  const keep = replayCount(spec.catchUp, slots.length);
  return {
    ...result(slots.slice(slots.length - keep), slots.slice(0, slots.length - keep), now),
    lookbackClamped: clamped,
  };
}

function replayCount(catchUp: CatchUp, found: number): number {
  switch (catchUp.mode) {
    case 'skip':
      return Math.min(1, found);
    case 'replay_limited':
      return Math.min(Math.max(1, Math.floor(catchUp.limit)), found);
    case 'replay_all':
      return found;
  }
}

/**
 * Window slots (§6.1 "dispatch only on a boundary crossing"): when the state changed in
 * `(cursor, now]`, dispatch the current state once, keyed by the latest change; earlier changes are
 * skipped, since asserting a state that no longer holds is pointless. A schedule that never ran
 * asserts its current state (keyed by the last change, or by `now` for a window that never
 * changes), so a core started mid-photoperiod switches the lights on instead of waiting a day.
 */
function dueWindow(
  spec: Extract<ScheduleSpec, { kind: 'window' }>,
  cursor: number | null,
  now: number,
  timeZone: string,
): DueResult {
  const state = (on: boolean): 'on' | 'off' => (on ? 'on' : 'off');
  if (cursor === null) {
    const on = insideWindow(spec.window, now, timeZone, spec.days);
    const since = lastTransition(spec.window, now, timeZone, spec.days);
    return {
      ...result([slotAt(since?.at ?? now, timeZone, state(on))], [], now),
      lookbackClamped: false,
    };
  }
  const { from, clamped } = lookbackFrom(cursor, now);
  const changes = transitionsBetween(spec.window, from, now, timeZone, spec.days);
  const latest = changes.at(-1);
  if (!latest) return { ...result([], [], Math.max(now, cursor)), lookbackClamped: clamped };
  const missed = changes.slice(0, -1).map((c) => slotAt(c.at, timeZone, state(c.on)));
  return {
    ...result([slotAt(latest.at, timeZone, state(latest.on))], missed, now),
    lookbackClamped: clamped,
  };
}
