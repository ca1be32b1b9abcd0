import {
  DAY_MS,
  addDays,
  daysBetween,
  isoWeekday,
  localDateTime,
  parseTimeOfDay,
  resolveLocal,
  type LocalDate,
} from './zoned-time.js';

/**
 * A daily window in the greenhouse's local time: the lighting photoperiod (reference-domain §6.1),
 * the climate day schedule and the day/night split (§3.4). Two forms, because the reference has
 * both and they differ on clock-change days:
 * - `{ start, hours }` (phase `lighting_start_time` + `lighting_photoperiod_hours`): the window
 *   lasts that many elapsed hours, since plants count hours of light, not clock readings. 24 (or
 *   more) means until the next day's start, i.e. always on.
 * - `{ start, end }` (the `"HH:MM-HH:MM"` form): it ends at the wall time `end`, the next day when
 *   `end` is before `start` (crossing midnight). `end` equal to `start` is an empty window.
 * Start and end wall times follow the DST policy of zoned-time.ts (gap → shifted later, fold →
 * first occurrence).
 */
export type DailyWindow = { start: string; hours: number } | { start: string; end: string };

/** ISO weekdays (1 = Monday … 7 = Sunday) a window or slot may start on; empty = every day. */
export type Weekdays = readonly number[];

export interface Transition {
  at: number;
  /** The state from `at` on. */
  on: boolean;
}

const HOUR_MS = 3_600_000;
/** Far enough to see a window that runs on one weekday only. */
const SEARCH_SPAN_MS = 8 * DAY_MS;

/** `"HH:MM-HH:MM"` → window; throws RangeError on anything else. */
export function parseWindow(text: string): DailyWindow {
  const m = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!m?.[1] || !m[2]) throw new RangeError(`window must be "HH:MM-HH:MM", got "${text}"`);
  parseTimeOfDay(m[1]);
  parseTimeOfDay(m[2]);
  return { start: m[1], end: m[2] };
}

function dayAllowed(date: LocalDate, days: Weekdays | undefined): boolean {
  return !days || days.length === 0 || days.includes(isoWeekday(date));
}

/** The window that starts on `date`, or null when it is empty (zero length). */
export function occurrenceOn(
  window: DailyWindow,
  date: LocalDate,
  timeZone: string,
): { start: number; end: number } | null {
  const startMin = parseTimeOfDay(window.start);
  const start = resolveLocal(date, startMin, timeZone).instant;
  let end: number;
  if ('hours' in window) {
    if (!(window.hours > 0)) return null;
    end =
      window.hours >= 24
        ? resolveLocal(addDays(date, 1), startMin, timeZone).instant
        : start + window.hours * HOUR_MS;
  } else {
    const endMin = parseTimeOfDay(window.end);
    if (endMin === startMin) return null;
    const endDate = endMin < startMin ? addDays(date, 1) : date;
    end = resolveLocal(endDate, endMin, timeZone).instant;
  }
  return end > start ? { start, end } : null;
}

/** Whether `at` lies inside the window (start inclusive, end exclusive). */
export function insideWindow(
  window: DailyWindow,
  at: number,
  timeZone: string,
  days?: Weekdays,
): boolean {
  const today = localDateTime(at, timeZone);
  // A window lasts at most a day (+1 h on a fall-back night), so it started today or yesterday.
  for (const date of [addDays(today, -1), today]) {
    if (!dayAllowed(date, days)) continue;
    const occ = occurrenceOn(window, date, timeZone);
    if (occ && occ.start <= at && at < occ.end) return true;
  }
  return false;
}

/** Every instant in `(from, to]` where the window's state changes, oldest first. */
export function transitionsBetween(
  window: DailyWindow,
  from: number,
  to: number,
  timeZone: string,
  days?: Weekdays,
): Transition[] {
  if (to <= from) return [];
  const first = addDays(localDateTime(from, timeZone), -1);
  const span = daysBetween(first, localDateTime(to, timeZone));
  const candidates = new Set<number>();
  for (let i = 0; i <= span; i++) {
    const date = addDays(first, i);
    if (!dayAllowed(date, days)) continue;
    const occ = occurrenceOn(window, date, timeZone);
    if (!occ) continue;
    for (const t of [occ.start, occ.end]) if (t > from && t <= to) candidates.add(t);
  }
  const result: Transition[] = [];
  for (const at of [...candidates].sort((a, b) => a - b)) {
    const on = insideWindow(window, at, timeZone, days);
    // Abutting windows (24 h photoperiod) have boundaries where nothing changes.
    if (on !== insideWindow(window, at - 1, timeZone, days)) result.push({ at, on });
  }
  return result;
}

/** The first state change after `after`, or null when the state never changes. */
export function nextTransition(
  window: DailyWindow,
  after: number,
  timeZone: string,
  days?: Weekdays,
): Transition | null {
  return transitionsBetween(window, after, after + SEARCH_SPAN_MS, timeZone, days)[0] ?? null;
}

/** The last state change at or before `at`, or null when the state never changes. */
export function lastTransition(
  window: DailyWindow,
  at: number,
  timeZone: string,
  days?: Weekdays,
): Transition | null {
  return transitionsBetween(window, at - SEARCH_SPAN_MS, at, timeZone, days).at(-1) ?? null;
}
