/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl.DateTimeFormat`: no tz library
 * is a dependency (ADR 0001) and this is all the scheduler, lighting and day/night logic need.
 * Reference-domain §13: "use local greenhouse time consistently for windows/day-night; store UTC".
 *
 * DST policy (one rule for every caller, the RFC 5545 / Temporal "compatible" rule):
 * - a wall time that does not exist (spring forward, 02:30 when clocks jump 02:00 → 03:00) is read
 *   with the offset in force before the jump, so it lands after the gap shifted by the gap's length
 *   (02:30 → 03:30 summer time). A slot is never lost on that day.
 * - a wall time that exists twice (fall back, 02:30 when clocks go 03:00 → 02:00) means its first
 *   occurrence. A slot never runs twice on that day.
 *
 * An invalid zone name throws `RangeError` from Intl; zones are validated where config enters
 * (contracts TimeZoneSchema), so reaching it here is a programming error.
 */

export interface LocalDate {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** How a wall time maps to instants on its day. */
export type WallTimeKind = 'exact' | 'gap' | 'fold';

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs far more than formatting with one; zones are few.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** ISO weekday of a calendar date (zone-independent). */
export function isoWeekday(date: LocalDate): number {
  const sundayZero = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** The wall clock in `timeZone` at `instant` (ms since the epoch). */
export function localDateTime(instant: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const date = { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0 };
  return {
    ...date,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    weekday: isoWeekday(date),
  };
}

/** UTC offset in minutes at `instant` (east positive: Berlin in summer = 120). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const l = localDateTime(whole, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - whole) / MINUTE_MS);
}

/** Calendar arithmetic on a local date (no zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `a` to `b` (calendar dates). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const ua = Date.UTC(a.year, a.month - 1, a.day);
  const ub = Date.UTC(b.year, b.month - 1, b.day);
  return Math.round((ub - ua) / DAY_MS);
}

/**
 * The instant a wall time on a local date denotes, with the DST policy above. `minuteOfDay` is
 * 0–1439; the kind says whether the day's clock change touched it.
 */
export function resolveLocal(
  date: LocalDate,
  minuteOfDay: number,
  timeZone: string,
): { instant: number; kind: WallTimeKind } {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Offsets are at most ±14 h, so a day either side brackets any clock change touching this time.
  const before = offsetMinutes(wallAsUtc - DAY_MS, timeZone);
  const after = offsetMinutes(wallAsUtc + DAY_MS, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((t) => offsetMinutes(t, timeZone) * MINUTE_MS === wallAsUtc - t)
    .sort((x, y) => x - y);
  const first = matches[0];
  if (first === undefined) return { instant: wallAsUtc - before * MINUTE_MS, kind: 'gap' };
  return { instant: first, kind: matches.length > 1 ? 'fold' : 'exact' };
}

/** Minutes after midnight of an `HH:MM` (24 h) wall time. */
export function parseTimeOfDay(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new RangeError(`time of day must be HH:MM (24 h), got "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

/**
 * ISO 8601 local time with its offset, to the second (`2025-03-30T03:30:00+02:00`). Distinct for
 * the two occurrences of a repeated hour, so it can key idempotent slots.
 */
export function localIso(instant: number, timeZone: string): string {
  const l = localDateTime(instant, timeZone);
  const off = offsetMinutes(instant, timeZone);
  const sign = off < 0 ? '-' : '+';
  return (
    `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:` +
    `${pad(l.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}
