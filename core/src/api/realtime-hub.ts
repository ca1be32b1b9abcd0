import type { RawData, WebSocket } from 'ws';
import type { Capability } from '../contracts/capabilities.js';
import { ResumeMessageSchema } from '../contracts/events.js';
import type { RealtimeEvent } from '../contracts/realtime.js';
import type { EventLog } from '../events/event-log.js';
import { capabilityFor, isDurable, RESTRICTED_EVENT_CAPABILITIES } from '../events/event-policy.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';

/** Beyond this many unsent bytes a client is too slow to follow events and must resync. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Events read from the log per page while replaying. */
const REPLAY_PAGE = 500;
/** A client that missed more than this refetches its state instead of being replayed. */
const MAX_REPLAY = 10_000;
/** Live events held for a client while it is replayed; beyond, it must resync. */
const MAX_HELD = 10_000;

type EventBody = Omit<RealtimeEvent, 'event_id' | 'server_ts'>;

export interface AttachOptions {
  /** Whether the client may see events that need `capability` (default: everything). */
  allows?: (capability: Capability) => boolean;
  /** Replay the kept events after this id before going live (`?after_id=` on connect). */
  afterId?: number;
}

interface Subscriber {
  socket: WebSocket;
  allows: (capability: Capability) => boolean;
  /** Events were dropped for this client; it gets `system.resync` once its buffer drains. */
  behind: boolean;
  /** While replaying: live events held back so the client receives everything in id order. */
  held?: { events: RealtimeEvent[]; overflow: boolean };
}

export interface RealtimeHubOptions {
  clock: Clock;
  log: EventLog;
  logger: Logger;
}

/**
 * Fans realtime events out to WebSocket clients. Each event gets the next `event_id` from the
 * event log (durable, increasing across restarts) and the server time; events that carry state
 * are kept, so a client that reconnects with the last id it saw is replayed what it missed, in
 * order, before live events continue. A slow client never grows an unbounded buffer: events are
 * dropped for it and it is told to refetch state instead.
 */
export class RealtimeHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly observers = new Set<(event: RealtimeEvent) => void>();

  constructor(private readonly options: RealtimeHubOptions) {}

  get clientCount(): number {
    return this.subscribers.size;
  }

  /** Watch every published event (metrics); returns the unsubscribe. */
  observe(observer: (event: RealtimeEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Register a connected socket; `greeting` is sent to it first (the current state). */
  attach(socket: WebSocket, greeting: EventBody[], options: AttachOptions = {}): void {
    const subscriber: Subscriber = {
      socket,
      allows: options.allows ?? (() => true),
      behind: false,
    };
    this.subscribers.add(subscriber);
    socket.on('close', () => this.subscribers.delete(subscriber));
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw: RawData) => this.receive(subscriber, raw));
    if (options.afterId !== undefined) this.resume(subscriber, options.afterId);
    for (const body of greeting) this.send(subscriber, this.stamp(body));
  }

  publish(body: EventBody): void {
    const event = this.stamp(body);
    if (isDurable(event)) this.options.log.append(event);
    for (const observer of this.observers) observer(event);
    for (const subscriber of this.subscribers) this.send(subscriber, event);
  }

  closeAll(): void {
    for (const { socket } of this.subscribers) socket.close(1001, 'server stopping');
    this.subscribers.clear();
  }

  private receive(subscriber: Subscriber, raw: RawData): void {
    let message: unknown;
    try {
      const bytes = Buffer.isBuffer(raw)
        ? raw
        : Array.isArray(raw)
          ? Buffer.concat(raw)
          : Buffer.from(raw);
      message = JSON.parse(bytes.toString('utf8'));
    } catch {
      return;
    }
    const resume = ResumeMessageSchema.safeParse(message);
    if (resume.success && !subscriber.held) this.resume(subscriber, resume.data.after_id);
  }

  /**
   * Replay kept events in (afterId, head], where head is the newest id at this moment, then the
   * live events held meanwhile (all newer than head): the client sees every id once, in order.
   */
  private resume(subscriber: Subscriber, afterId: number): void {
    const head = this.options.log.lastId();
    const held = { events: [] as RealtimeEvent[], overflow: false };
    subscriber.held = held;
    void this.replay(subscriber, afterId, head)
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'realtime replay failed');
        return 'the server could not replay missed events';
      })
      .then((resync) => {
        subscriber.held = undefined;
        for (const event of held.events) this.deliver(subscriber, event);
        const reason = held.overflow ? 'too many events arrived during the replay' : resync;
        // Sent after everything else, so its id is also the newest the client has seen.
        if (reason !== null) this.deliver(subscriber, this.resyncEvent(reason));
      });
  }

  /** Sends the replay; returns why the client must resync instead, or null. */
  private async replay(
    subscriber: Subscriber,
    afterId: number,
    head: number,
  ): Promise<string | null> {
    const capabilities = RESTRICTED_EVENT_CAPABILITIES.filter((c) => subscriber.allows(c));
    let cursor = afterId;
    let sent = 0;
    for (;;) {
      const page = await this.options.log.replay(cursor, head, capabilities, REPLAY_PAGE);
      if ('resync' in page) return page.resync;
      for (const event of page.events) this.deliver(subscriber, event);
      sent += page.events.length;
      if (!page.hasMore) return null;
      if (sent >= MAX_REPLAY) return `more than ${MAX_REPLAY} events were missed`;
      cursor = page.events.at(-1)!.event_id;
    }
  }

  private send(subscriber: Subscriber, event: RealtimeEvent): void {
    const held = subscriber.held;
    if (!held) return this.deliver(subscriber, event);
    if (held.events.length < MAX_HELD) held.events.push(event);
    else held.overflow = true;
  }

  private deliver(subscriber: Subscriber, event: RealtimeEvent): void {
    const { socket } = subscriber;
    if (socket.readyState !== socket.OPEN) return;
    const capability = capabilityFor(event);
    if (capability !== null && !subscriber.allows(capability)) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      subscriber.behind = true;
      return;
    }
    if (subscriber.behind) {
      subscriber.behind = false;
      socket.send(
        JSON.stringify(this.resyncEvent('events were dropped while this client was slow')),
      );
    }
    socket.send(JSON.stringify(event));
  }

  private resyncEvent(reason: string): RealtimeEvent {
    return this.stamp({ channel: 'hydro.system', event: 'system.resync', data: { reason } });
  }

  private stamp(body: EventBody): RealtimeEvent {
    return {
      ...body,
      event_id: this.options.log.nextId(),
      server_ts: this.options.clock.now(),
    } as RealtimeEvent;
  }
}
