import type { Clock, TimerHandle } from './clock.js';

interface Timer {
  at: number;
  every: number | null;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A Clock whose time moves only when told: a simulated farm (core and simulated nodes) runs on it
 * many times faster than real time — the grow benchmark and the closed-loop tests.
 */
export class SteppedClock implements Clock {
  private timers: Timer[] = [];

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  monotonic(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.time + ms, every: null, fn, cancelled: false });
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add({ at: this.time + ms, every: ms, fn, cancelled: false });
  }

  /** Move time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers
        .filter((t) => !t.cancelled && t.at <= end)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = next.at;
      if (next.every === null) next.cancelled = true;
      else next.at += next.every;
      next.fn();
    }
    this.time = end;
    this.timers = this.timers.filter((t) => !t.cancelled);
  }

  private add(timer: Timer): TimerHandle {
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
}
