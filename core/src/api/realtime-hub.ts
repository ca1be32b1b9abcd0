import type { WebSocket } from 'ws';
import type { RealtimeEvent } from '../contracts/realtime.js';
import type { Clock } from '../runtime/clock.js';

/** Beyond this many unsent bytes a client is too slow to follow events and must resync. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

type EventBody = Omit<RealtimeEvent, 'event_id' | 'server_ts'>;

interface Subscriber {
  socket: WebSocket;
  /** Events were dropped for this client; it gets `system.resync` once its buffer drains. */
  behind: boolean;
}

/**
 * Fans realtime events out to WebSocket clients. Each event gets the next integer `event_id` and
 * the server time, so clients can order and de-duplicate. A slow client never grows an unbounded
 * buffer: events are dropped for it and it is told to refetch state instead.
 */
export class RealtimeHub {
  private nextEventId = 1;
  private readonly subscribers = new Set<Subscriber>();

  constructor(private readonly clock: Clock) {}

  get clientCount(): number {
    return this.subscribers.size;
  }

  /** Register a connected socket; `greeting` is sent to it first (the current state). */
  attach(socket: WebSocket, greeting: EventBody[]): void {
    const subscriber: Subscriber = { socket, behind: false };
    this.subscribers.add(subscriber);
    socket.on('close', () => this.subscribers.delete(subscriber));
    socket.on('error', () => socket.terminate());
    for (const body of greeting) this.deliver(subscriber, this.stamp(body));
  }

  publish(body: EventBody): void {
    const event = this.stamp(body);
    for (const subscriber of this.subscribers) this.deliver(subscriber, event);
  }

  closeAll(): void {
    for (const { socket } of this.subscribers) socket.close(1001, 'server stopping');
    this.subscribers.clear();
  }

  private deliver(subscriber: Subscriber, event: RealtimeEvent): void {
    const { socket } = subscriber;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      subscriber.behind = true;
      return;
    }
    if (subscriber.behind) {
      subscriber.behind = false;
      const resync = this.stamp({
        channel: 'hydro.system',
        event: 'system.resync',
        data: { reason: 'events were dropped while this client was slow' },
      });
      socket.send(JSON.stringify(resync));
    }
    socket.send(JSON.stringify(event));
  }

  private stamp(body: EventBody): RealtimeEvent {
    return { ...body, event_id: this.nextEventId++, server_ts: this.clock.now() } as RealtimeEvent;
  }
}
