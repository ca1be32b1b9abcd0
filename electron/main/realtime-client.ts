import {
  REALTIME_PATH,
  RealtimeEventSchema,
  type RealtimeEvent,
} from '../../core/src/contracts/realtime.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock, Timer } from './clock.js';

/** The part of the WHATWG WebSocket the client uses. */
export interface SocketLike {
  onopen: (() => void) | null;
  onmessage: ((message: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  close(): void;
}

export type SocketFactory = (url: string, headers: Record<string, string>) => SocketLike;

interface HeaderWebSocketConstructor {
  new (url: string, init: { headers: Record<string, string> }): SocketLike;
}

/**
 * Node's global WebSocket (undici; global in Electron 41's Node). Undici accepts request headers in
 * its init dictionary, which is how the shell sends the desktop cookie and a same-origin Origin
 * header on the upgrade request. Returns null where there is no global WebSocket.
 */
export function globalSocketFactory(): SocketFactory | null {
  // Cast through unknown: with the DOM lib (tests' tsconfig) globalThis.WebSocket has the
  // browser's constructor type, which has no init dictionary.
  const { WebSocket } = globalThis as unknown as { WebSocket?: HeaderWebSocketConstructor };
  if (WebSocket === undefined) return null;
  return (url, headers) => new WebSocket(url, { headers });
}

/** `http://127.0.0.1:N` → `ws://127.0.0.1:N/api/ws`. */
export function realtimeUrl(httpOrigin: string): string {
  const url = new URL(REALTIME_PATH, httpOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export interface RealtimeClientOptions {
  /** HTTP origin of the core. */
  origin: string;
  /** Headers of the upgrade request (the desktop session cookie). */
  headers: Record<string, string>;
  createSocket: SocketFactory;
  clock: Clock;
  backoff: BackoffPolicy;
  onEvent(event: RealtimeEvent): void;
}

/**
 * Main's own subscription to the core's realtime feed (for tray status and notifications). It
 * reconnects with back-off until stopped. Messages that do not match the contract are dropped:
 * a newer core may send event kinds this shell does not know yet.
 */
export class RealtimeClient {
  #socket: SocketLike | null = null;
  #retry: Timer | null = null;
  #failures = 0;
  #stopped = true;

  constructor(private readonly options: RealtimeClientOptions) {}

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#retry?.cancel();
    this.#retry = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
  }

  #connect(): void {
    this.#retry = null;
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(realtimeUrl(this.options.origin), {
        ...this.options.headers,
        // The core checks Origin against DNS rebinding; this client speaks for the core's own page.
        Origin: this.options.origin,
      });
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#failures = 0;
    };
    socket.onmessage = (message) => {
      if (this.#socket !== socket) return;
      const event = parseEvent(message.data);
      if (event !== null) this.options.onEvent(event);
    };
    socket.onclose = () => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#socket = null;
      this.#scheduleReconnect();
    };
  }

  #scheduleReconnect(): void {
    this.#failures += 1;
    const delay = backoffDelay(this.options.backoff, this.#failures);
    this.#retry = this.options.clock.setTimeout(() => this.#connect(), delay);
  }
}

function parseEvent(data: unknown): RealtimeEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = RealtimeEventSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
