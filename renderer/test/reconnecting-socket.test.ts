import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openReconnectingSocket, type ConnectionStatus } from '../src/api/reconnecting-socket.js';
import { FakeWebSocket } from './fake-web-socket.js';

interface Ping {
  ping: number;
}

const parsePing = (message: unknown): Ping | null =>
  typeof message === 'object' &&
  message !== null &&
  'ping' in message &&
  typeof message.ping === 'number'
    ? { ping: message.ping }
    : null;

function open() {
  const statuses: ConnectionStatus[] = [];
  const messages: Ping[] = [];
  const close = openReconnectingSocket({
    url: 'ws://controller/api/ws',
    parse: parsePing,
    onMessage: (message) => messages.push(message),
    onStatus: (status) => statuses.push(status),
  });
  return { statuses, messages, close };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.opened = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('openReconnectingSocket', () => {
  it('connects at once and reports connecting, then connected', () => {
    const { statuses } = open();
    expect(FakeWebSocket.opened.map((socket) => socket.url)).toEqual(['ws://controller/api/ws']);
    FakeWebSocket.latest.accept();
    expect(statuses).toEqual([{ state: 'connecting' }, { state: 'connected' }]);
  });

  it('retries a core that is not up yet on the quick schedule, counting attempts', () => {
    const { statuses } = open();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      FakeWebSocket.latest.drop();
      const status = statuses.at(-1);
      expect(status).toMatchObject({ state: 'reconnecting', attempt });
      if (status?.state !== 'reconnecting') throw new Error('not reconnecting');
      waits.push(status.retryInMs);
      vi.advanceTimersByTime(status.retryInMs - 1);
      expect(FakeWebSocket.opened).toHaveLength(attempt);
      vi.advanceTimersByTime(1);
      expect(FakeWebSocket.opened).toHaveLength(attempt + 1);
    }
    expect(waits).toEqual([100, 300, 500, 1000, 2000, 3000]);
  });

  it('after a drop backs off from 3 s and starts counting afresh once back', () => {
    const { statuses } = open();
    FakeWebSocket.latest.accept();
    FakeWebSocket.latest.drop();
    expect(statuses.at(-1)).toEqual({ state: 'reconnecting', attempt: 1, retryInMs: 3000 });
    vi.advanceTimersByTime(3000);
    FakeWebSocket.latest.drop();
    expect(statuses.at(-1)).toEqual({ state: 'reconnecting', attempt: 2, retryInMs: 4500 });
    vi.advanceTimersByTime(4500);
    FakeWebSocket.latest.accept();
    expect(statuses.at(-1)).toEqual({ state: 'connected' });
    FakeWebSocket.latest.drop();
    expect(statuses.at(-1)).toEqual({ state: 'reconnecting', attempt: 1, retryInMs: 3000 });
  });

  it('keeps a single socket: nothing is opened while a retry is pending', () => {
    open();
    FakeWebSocket.latest.drop();
    FakeWebSocket.latest.drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.opened).toHaveLength(2);
  });

  it('passes on parsed messages and ignores anything else', () => {
    const { messages } = open();
    const socket = FakeWebSocket.latest;
    socket.accept();
    socket.receive('{"ping":1}');
    socket.receive('not json');
    socket.receive('{"pong":2}');
    socket.receive(new ArrayBuffer(4));
    socket.receive('{"ping":3}');
    expect(messages).toEqual([{ ping: 1 }, { ping: 3 }]);
  });

  it('closes for good when unsubscribed', () => {
    const { statuses, close } = open();
    FakeWebSocket.latest.accept();
    close();
    expect(FakeWebSocket.latest.closed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.opened).toHaveLength(1);
    expect(statuses.at(-1)).toEqual({ state: 'connected' });
  });

  it('cancels a pending retry when unsubscribed', () => {
    const { close } = open();
    FakeWebSocket.latest.drop();
    close();
    vi.advanceTimersByTime(120_000);
    expect(FakeWebSocket.opened).toHaveLength(1);
  });
});
