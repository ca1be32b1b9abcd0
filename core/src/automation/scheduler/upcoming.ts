import { transitionsBetween } from '../time/daily-window.js';
import { localIso } from '../time/zoned-time.js';
import type { ScheduleItem } from './schedule-items.js';
import { due, type Slot } from './slots.js';

/** Enough for a 1-minute interval over a day; the plan view does not need more per lane. */
export const MAX_UPCOMING_PER_ITEM = 1_440;

/**
 * The slots a schedule will offer in `(from, to]` if nothing changes (the schedule workspace's
 * plan, reference-backend-ui §2.4), from the same rules the dispatcher uses. An interval that is
 * overdue shows its next run at `from` (the next tick runs it); later runs follow at the interval.
 */
export function upcomingSlots(
  item: ScheduleItem,
  cursor: number | null,
  from: number,
  to: number,
  timeZone: string,
): Slot[] {
  const slot = (at: number, state?: 'on' | 'off'): Slot =>
    state ? { at, local: localIso(at, timeZone), state } : { at, local: localIso(at, timeZone) };
  const spec = item.spec;
  switch (spec.kind) {
    case 'interval': {
      const every = spec.everySec * 1000;
      const out: Slot[] = [];
      let at = cursor === null ? from : Math.max(cursor + every, from);
      for (; at <= to && out.length < MAX_UPCOMING_PER_ITEM; at += every) out.push(slot(at));
      return out;
    }
    case 'time':
      return due({ ...spec, catchUp: { mode: 'replay_all' } }, from, to, timeZone).dispatch.slice(
        0,
        MAX_UPCOMING_PER_ITEM,
      );
    case 'window':
      return transitionsBetween(spec.window, from, to, timeZone, spec.days)
        .slice(0, MAX_UPCOMING_PER_ITEM)
        .map((t) => slot(t.at, t.on ? 'on' : 'off'));
    case 'once': {
      const pending = cursor === null || cursor < spec.runAt;
      return pending && spec.runAt <= to ? [slot(Math.max(spec.runAt, from))] : [];
    }
  }
}
