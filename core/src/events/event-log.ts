import type { Capability } from '../contracts/capabilities.js';
import type { RealtimeEvent } from '../contracts/realtime.js';
import type { Clock, TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { EventLogRepo, LoggedEvent } from '../storage/alerts-events-types.js';
import { capabilityFor, zoneOf } from './event-policy.js';

/**
 * Event ids are reserved in the store a block ahead, and a run starts after the previous run's
 * reservation: ids of events that were never stored (telemetry, health) or lost in a crash are
 * then never handed out twice, without a write per event.
 */
const ID_BLOCK = 10_000;
const FLUSH_MS = 100;
const FLUSH_BATCH = 500;
const TRIM_EVERY_MS = 5 * 60_000;

export interface EventRetention {
  maxAgeMs: number;
  maxRows: number;
}

/** A week of state changes, or the newest 100k of them, whichever is fewer. */
export const DEFAULT_EVENT_RETENTION: EventRetention = {
  maxAgeMs: 7 * 24 * 3_600_000,
  maxRows: 100_000,
};

export type ReplayResult = { events: RealtimeEvent[]; hasMore: boolean } | { resync: string };

export interface EventLogOptions {
  repo: () => EventLogRepo;
  clock: Clock;
  logger: Logger;
  retention?: EventRetention;
}

/**
 * Hands out realtime event ids (durable across restarts) and keeps the events that carry state,
 * so a client that was away can be replayed exactly what it missed. Writes are batched off the
 * publishing path; every read flushes first, so a replay never misses an event already sent live.
 */
export class EventLog implements Component {
  readonly name = 'events';
  private last = 0;
  private reserved = 0;
  private trimmedThrough = 0;
  private running = false;
  private queue: LoggedEvent[] = [];
  private writing: Promise<void> | undefined;
  private reserving: Promise<void> | undefined;
  private timers: TimerHandle[] = [];
  private written = 0;
  private lost = 0;

  constructor(private readonly options: EventLogOptions) {}

  async start(): Promise<void> {
    const repo = this.options.repo();
    const state = await repo.state();
    this.last = Math.max(this.last, state.lastId, state.reservedId);
    this.trimmedThrough = state.trimmedThrough;
    this.reserved = this.last + ID_BLOCK;
    await repo.reserve(this.reserved);
    this.running = true;
    const { clock } = this.options;
    this.timers = [
      clock.setInterval(() => {
        if (this.queue.length > 0) void this.flush();
      }, FLUSH_MS),
      clock.setInterval(() => void this.trim(), TRIM_EVERY_MS),
    ];
    await this.trim();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) timer.cancel();
    this.timers = [];
    await this.flush();
    await this.reserving;
  }

  status(): ComponentStatus {
    return {
      state: this.running ? (this.lost > 0 ? 'degraded' : 'healthy') : 'stopped',
      detail: this.running ? `event ${this.last}, ${this.written} kept since start` : null,
      metrics: {
        last_event_id: this.last,
        pending: this.queue.length,
        written: this.written,
        lost: this.lost,
      },
    };
  }

  /** The next event id; ids only increase, also across restarts. */
  nextId(): number {
    this.last++;
    if (this.running && this.last > this.reserved - ID_BLOCK / 2) this.reserveAhead();
    return this.last;
  }

  /** The newest id handed out. */
  lastId(): number {
    return this.last;
  }

  /** Keep a stamped event (written with the next batch). */
  append(event: RealtimeEvent): void {
    if (!this.running) {
      this.lost++;
      this.options.logger.warn(
        { event: event.event, eventId: event.event_id },
        'event not kept: the event log is not running',
      );
      return;
    }
    this.queue.push({
      id: event.event_id,
      channel: event.channel,
      event: event.event,
      zoneId: zoneOf(event),
      capability: capabilityFor(event),
      data: event.data,
      serverTs: event.server_ts,
    });
    if (this.queue.length >= FLUSH_BATCH) void this.flush();
  }

  /** Write everything appended so far. */
  flush(): Promise<void> {
    this.writing ??= this.writeQueued().finally(() => (this.writing = undefined));
    return this.writing;
  }

  /**
   * Kept events with `afterId < id <= upTo` that a reader holding `capabilities` may see, in id
   * order, at most `limit`; or why the reader must refetch its state instead.
   */
  async replay(
    afterId: number,
    upTo: number,
    capabilities: readonly Capability[],
    limit: number,
  ): Promise<ReplayResult> {
    await this.flush();
    if (afterId > this.last) return { resync: `event ${afterId} was never issued here` };
    const rows = await this.options.repo().after({
      afterId,
      upTo,
      capabilities: [...capabilities],
      limit: limit + 1,
    });
    // Checked after the read too: a trim that ran meanwhile may have taken part of the range.
    if (afterId < this.trimmedThrough) {
      return { resync: `events up to ${this.trimmedThrough} are no longer kept` };
    }
    return { events: rows.slice(0, limit).map(toEvent), hasMore: rows.length > limit };
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, FLUSH_BATCH);
      try {
        await this.options.repo().append(batch);
        this.written += batch.length;
      } catch (error) {
        this.lost += batch.length;
        this.options.logger.error(
          { err: error, events: batch.length },
          'event log write failed; clients that reconnect will miss these events',
        );
      }
    }
  }

  private reserveAhead(): void {
    if (this.reserving) return;
    const target = this.last + ID_BLOCK;
    this.reserving = this.options
      .repo()
      .reserve(target)
      .then(() => {
        this.reserved = Math.max(this.reserved, target);
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'cannot reserve event ids');
      })
      .finally(() => (this.reserving = undefined));
  }

  private async trim(): Promise<void> {
    const { maxAgeMs, maxRows } = this.options.retention ?? DEFAULT_EVENT_RETENTION;
    try {
      const { deleted, through } = await this.options
        .repo()
        .trim(this.options.clock.now() - maxAgeMs, maxRows);
      this.trimmedThrough = through;
      if (deleted > 0) this.options.logger.debug({ deleted, through }, 'event log trimmed');
    } catch (error) {
      this.options.logger.error({ err: error }, 'event log trim failed');
    }
  }
}

function toEvent(row: LoggedEvent): RealtimeEvent {
  return {
    channel: row.channel,
    event: row.event,
    data: row.data,
    event_id: row.id,
    server_ts: row.serverTs,
  } as RealtimeEvent;
}
