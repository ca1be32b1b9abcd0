import { beforeEach, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../core/src/contracts/realtime.js';
import { REALTIME_RECONNECT_BACKOFF } from '../../main/backoff.js';
import { RealtimeClient, realtimeUrl, type SocketLike } from '../../main/realtime-client.js';
import { FakeClock, health, healthEvent } from './fakes.js';

class FakeSocket implements SocketLike {
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;

  constructor(
    readonly url: string,
    readonly headers: Record<string, string>,
  ) {}

  close(): void {
    this.closed = true;
  }

  /** The server side: what the core would do. */
  open(): void {
    this.onopen?.();
  }

  send(data: unknown): void {
    this.onmessage?.({ data });
  }

  drop(): void {
    this.onclose?.();
  }
}

const ORIGIN = 'http://127.0.0.1:40001';
let clock: FakeClock;
let sockets: FakeSocket[];
let events: RealtimeEvent[];
let client: RealtimeClient;

function latest(): FakeSocket {
  const socket = sockets.at(-1);
  if (socket === undefined) throw new Error('no socket opened');
  return socket;
}

beforeEach(() => {
  clock = new FakeClock();
  sockets = [];
  events = [];
  client = new RealtimeClient({
    origin: ORIGIN,
    headers: { Cookie: 'hydro_desktop=secret' },
    createSocket: (url, headers) => {
      const socket = new FakeSocket(url, headers);
      sockets.push(socket);
      return socket;
    },
    clock,
    backoff: REALTIME_RECONNECT_BACKOFF,
    onEvent: (event) => events.push(event),
  });
});

describe('realtimeUrl', () => {
  it('turns the HTTP origin into the realtime socket URL', () => {
    expect(realtimeUrl('http://127.0.0.1:40001')).toBe('ws://127.0.0.1:40001/api/ws');
    expect(realtimeUrl('https://localhost:8443')).toBe('wss://localhost:8443/api/ws');
  });
});

describe('RealtimeClient', () => {
  it('connects with the session cookie and a same-origin Origin header', () => {
    client.start();
    expect(latest().url).toBe('ws://127.0.0.1:40001/api/ws');
    expect(latest().headers).toEqual({ Cookie: 'hydro_desktop=secret', Origin: ORIGIN });
  });

  it('delivers events that match the contract and drops everything else', () => {
    client.start();
    latest().open();
    const event = healthEvent(health('ok'));
    latest().send(JSON.stringify(event));
    latest().send('not json');
    latest().send(
      JSON.stringify({
        channel: 'hydro.alerts',
        event: 'alert.raised',
        event_id: 9,
        server_ts: 1,
        data: {},
      }),
    );
    latest().send(new Uint8Array([1, 2, 3]));
    expect(events).toEqual([event]);
  });

  it('reconnects with growing delays and resets them once connected', () => {
    client.start();
    latest().drop();
    clock.advance(499);
    expect(sockets).toHaveLength(1);
    clock.advance(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    clock.advance(999);
    expect(sockets).toHaveLength(2);
    clock.advance(1);
    expect(sockets).toHaveLength(3);
    latest().open();
    latest().drop();
    clock.advance(500);
    expect(sockets).toHaveLength(4);
  });

  it('keeps retrying when a socket cannot even be created', () => {
    let attempts = 0;
    const failing = new RealtimeClient({
      origin: ORIGIN,
      headers: {},
      createSocket: () => {
        attempts += 1;
        throw new Error('no network');
      },
      clock,
      backoff: REALTIME_RECONNECT_BACKOFF,
      onEvent: () => undefined,
    });
    failing.start();
    clock.advance(500 + 1_000 + 2_000);
    expect(attempts).toBe(4);
    failing.stop();
    clock.advance(60_000);
    expect(attempts).toBe(4);
  });

  it('closes the socket on stop and neither reconnects nor delivers late messages', () => {
    client.start();
    const socket = latest();
    socket.open();
    client.stop();
    expect(socket.closed).toBe(true);
    socket.send(JSON.stringify(healthEvent(health('ok'))));
    socket.drop();
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(events).toEqual([]);
  });
});
