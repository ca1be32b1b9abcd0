import type { ZoneScheduleView } from '@contracts/schedule.js';

type Window = ZoneScheduleView['windows'][number];

export interface DaySlot {
  window: Window;
  time: string;
  /** Further slots of the same interval schedule this chip stands for (0: just this one). */
  more: number;
  /** The last of them, when `more` > 0. */
  until: string;
}

/** More interval slots than this in a day read as one chip ("Irrigation ×24, 00:19–23:19"). */
const LISTED_PER_DAY = 8;

/** The upcoming slots by local day (the greenhouse's), in time order. */
export function byDay(
  windows: readonly Window[],
  timezone: string,
  locale: string,
): { day: string; slots: DaySlot[] }[] {
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const days: { day: string; slots: DaySlot[] }[] = [];
  for (const window of windows) {
    const at = Date.parse(window.at);
    const label = day.format(at);
    const last = days.at(-1);
    const slot = { window, time: time.format(at), more: 0, until: '' };
    if (last?.day === label) last.slots.push(slot);
    else days.push({ day: label, slots: [slot] });
  }
  return days.map(({ day: label, slots }) => ({ day: label, slots: condense(slots) }));
}

/** A day's many interval slots of one schedule become its first chip, counting the rest. */
function condense(slots: DaySlot[]): DaySlot[] {
  const out: DaySlot[] = [];
  for (const slot of slots) {
    const { key, kind } = slot.window;
    const many =
      kind === 'interval' && slots.filter((s) => s.window.key === key).length > LISTED_PER_DAY;
    const first = many ? out.find((s) => s.window.key === key) : undefined;
    if (!first) out.push({ ...slot });
    else Object.assign(first, { more: first.more + 1, until: slot.time });
  }
  return out;
}

/** A period as one unit where it divides evenly ("1 h", "30 min"), else "1 h 30 min". */
export function period(
  sec: number,
  label: (unit: 'days' | 'hours' | 'minutes' | 'seconds', n: number) => string,
  fallback: (sec: number) => string,
): string {
  if (sec % 3_600 === 0) return label('hours', sec / 3_600);
  if (sec % 60 === 0 && sec < 3_600) return label('minutes', sec / 60);
  return fallback(sec);
}

/** An interval lane's period, read off its first two upcoming slots (the view has no field). */
export function intervalSec(windows: readonly Window[], key: string): number | null {
  const [a, b] = windows.filter((w) => w.key === key);
  return a && b ? Math.round((Date.parse(b.at) - Date.parse(a.at)) / 1000) : null;
}

export function formatSlot(iso: string, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(iso));
}
