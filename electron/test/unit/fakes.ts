import type { ComponentHealth, Health } from '../../../core/src/contracts/health.js';
import type { RealtimeEvent } from '../../../core/src/contracts/realtime.js';
import type { Clock, Timer } from '../../main/clock.js';
import type { CoreEndpoints } from '../../main/core-output.js';
import type {
  CoreExit,
  CoreProcess,
  CoreProcessEvents,
  CoreSpawner,
} from '../../main/supervisor.js';

interface PendingTimer {
  at: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/** A manual clock: timers fire only inside `advance`, in time order. */
export class FakeClock implements Clock {
  #now = 1_000_000;
  #order = 0;
  #timers: PendingTimer[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer: PendingTimer = {
      at: this.#now + ms,
      order: this.#order++,
      callback,
      cancelled: false,
    };
    this.#timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing due timers (including ones they schedule). */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const next = this.#timers
        .filter((timer) => !timer.cancelled && timer.at <= until)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = next.at;
      next.callback();
    }
    this.#now = until;
  }
}

/** One spawned fake core: the test plays its part (ready line, exit). */
export class FakeCore implements CoreProcess {
  terminations = 0;
  kills = 0;

  constructor(private readonly events: CoreProcessEvents) {}

  terminate(): void {
    this.terminations += 1;
  }

  kill(): void {
    this.kills += 1;
  }

  ready(endpoints: CoreEndpoints = ENDPOINTS): void {
    this.events.ready(endpoints);
  }

  exit(code: number, lastError: string | null = null): void {
    const exit: CoreExit = { code, lastError };
    this.events.exit(exit);
  }
}

export const ENDPOINTS: CoreEndpoints = {
  http: 'http://127.0.0.1:40001',
  mqtt: 'mqtt://127.0.0.1:1883',
};

/** Records every spawn and hands out FakeCores. */
export class FakeSpawner {
  readonly spawned: FakeCore[] = [];
  readonly spawnTimes: number[] = [];

  constructor(private readonly clock: FakeClock) {}

  readonly spawn: CoreSpawner = (events) => {
    const core = new FakeCore(events);
    this.spawned.push(core);
    this.spawnTimes.push(this.clock.now());
    return core;
  };

  get latest(): FakeCore {
    const core = this.spawned.at(-1);
    if (core === undefined) throw new Error('nothing spawned yet');
    return core;
  }
}

/** A health report with the given overall state and component states. */
export function health(
  state: Health['state'],
  components: Record<string, { state: ComponentHealth['state']; detail?: string }> = {},
): Health {
  return {
    state,
    version: '0.1.0',
    started_at: '2026-01-01T00:00:00.000Z',
    uptime_s: 12,
    components: Object.entries(components).map(([name, component]) => ({
      name,
      state: component.state,
      detail: component.detail ?? null,
      since: '2026-01-01T00:00:00.000Z',
      metrics: {},
    })),
  };
}

let eventId = 0;

export function healthEvent(report: Health): RealtimeEvent {
  eventId += 1;
  return {
    channel: 'hydro.system',
    event: 'system.health',
    event_id: eventId,
    server_ts: 1_000 + eventId,
    data: report,
  };
}
