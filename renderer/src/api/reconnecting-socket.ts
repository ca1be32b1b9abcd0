import { retryDelayMs } from './backoff.js';

/** What the connection indicator shows. `attempt` counts retries since the last good connection. */
export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; attempt: number; retryInMs: number };

export interface ReconnectingSocketOptions<T> {
  /** Where to connect; a function is asked again before every attempt (e.g. to resume a stream). */
  url: string | (() => string);
  /** Turns a decoded JSON message into a typed one, or null to ignore it. */
  parse: (message: unknown) => T | null;
  onMessage: (message: T) => void;
  onStatus: (status: ConnectionStatus) => void;
}

/**
 * Keeps one WebSocket open to `url`, retrying on the schedule of `retryDelayMs`, until the
 * returned function is called. Only one socket exists at a time, so reconnects never overlap.
 */
export function openReconnectingSocket<T>(options: ReconnectingSocketOptions<T>): () => void {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retry = 0;
  let everConnected = false;
  let closed = false;

  const connect = (): void => {
    timer = undefined;
    const ws = new WebSocket(typeof options.url === 'string' ? options.url : options.url());
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      everConnected = true;
      options.onStatus({ state: 'connected' });
    };
    ws.onmessage = (event: MessageEvent) => {
      const message = decode(event.data, options.parse);
      if (message !== null) options.onMessage(message);
    };
    // A failed handshake fires `error` then `close`, so `close` alone drives the retry.
    ws.onclose = () => {
      if (closed || socket !== ws) return;
      socket = null;
      retry += 1;
      const retryInMs = retryDelayMs(retry, everConnected);
      options.onStatus({ state: 'reconnecting', attempt: retry, retryInMs });
      timer = setTimeout(connect, retryInMs);
    };
  };

  options.onStatus({ state: 'connecting' });
  connect();

  return () => {
    closed = true;
    clearTimeout(timer);
    socket?.close();
    socket = null;
  };
}

function decode<T>(data: unknown, parse: (message: unknown) => T | null): T | null {
  if (typeof data !== 'string') return null;
  try {
    return parse(JSON.parse(data));
  } catch {
    return null;
  }
}
