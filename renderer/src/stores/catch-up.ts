import type { RealtimeEvent } from '@contracts/realtime.js';

/**
 * Where the realtime stream is after a reconnect: the core is replaying what was missed
 * (`catching_up`), or has replayed `events` of them (`caught_up`). `resynced` tells that the core
 * could not replay (too many missed, or the log no longer reaches back) and the app refetched
 * its state instead.
 */
export type CatchUp =
  | { phase: 'catching_up'; events: number }
  | { phase: 'caught_up'; events: number; resynced: boolean };

/**
 * Follows the realtime stream's position so a reconnect can resume after the last event seen,
 * and counts the replay. On a connection opened with `?after_id=` the core sends the missed events
 * first and its `system.health` greeting right after them (api/realtime-hub.ts holds live events,
 * the greeting included, until the replay is done), so the greeting marks the end of the catch-up.
 */
export class CatchUpTracker {
  private lastEventId: number | null = null;
  private state: CatchUp | null = null;

  constructor(private readonly report: (state: CatchUp) => void) {}

  /** The `after_id` the next connection resumes from; null until an event arrived. */
  resumeFrom(): number | null {
    return this.lastEventId;
  }

  /** A connection opened; it was asked to replay when an earlier one had seen events. */
  connected(): void {
    if (this.lastEventId !== null) this.set({ phase: 'catching_up', events: 0 });
  }

  /** Every event, before it is dispatched. */
  seen(event: RealtimeEvent): void {
    this.lastEventId = Math.max(this.lastEventId ?? 0, event.event_id);
    const state = this.state;
    if (!state) return;
    // A resync comes after the greeting: the catch-up is over either way.
    if (event.event === 'system.resync') {
      this.set({ phase: 'caught_up', events: state.events, resynced: true });
    } else if (state.phase === 'catching_up') {
      this.set(
        event.event === 'system.health'
          ? { phase: 'caught_up', events: state.events, resynced: false }
          : { phase: 'catching_up', events: state.events + 1 },
      );
    }
  }

  private set(next: CatchUp): void {
    this.state = next;
    this.report(next);
  }
}
