import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RealtimeHub } from '../../src/api/realtime-hub.js';
import { RealtimeEventSchema, type RealtimeEvent } from '../../src/contracts/realtime.js';
import { FakeClock } from '../fakes/fake-clock.js';

/** The slice of a ws socket the hub uses; `bufferedAmount` is set by the test. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: RealtimeEvent[] = [];
  send(text: string) {
    this.sent.push(RealtimeEventSchema.parse(JSON.parse(text)));
  }
  close() {
    this.readyState = 3;
    this.emit('close');
  }
  terminate() {
    this.close();
  }
}

const health = {
  state: 'ok' as const,
  version: '0.0.0',
  started_at: '2026-01-01T00:00:00.000Z',
  uptime_s: 0,
  components: [],
};
const healthEvent = {
  channel: 'hydro.system' as const,
  event: 'system.health' as const,
  data: health,
};

function connect(hub: RealtimeHub) {
  const socket = new FakeSocket();
  hub.attach(socket as unknown as WebSocket, [healthEvent]);
  return socket;
}

describe('RealtimeHub', () => {
  it('greets with the current state and stamps increasing event ids and server time', () => {
    const clock = new FakeClock();
    const hub = new RealtimeHub(clock);
    const a = connect(hub);
    clock.advance(10);
    hub.publish(healthEvent);
    expect(a.sent.map((e) => e.event_id)).toEqual([1, 2]);
    expect(a.sent[1]!.server_ts).toBe(clock.now());
  });

  it('drops events for a slow client and tells it to resync once it drains', () => {
    const hub = new RealtimeHub(new FakeClock());
    const slow = connect(hub);
    const fast = connect(hub);
    slow.bufferedAmount = 2 * 1024 * 1024;
    hub.publish(healthEvent);
    hub.publish(healthEvent);
    expect(slow.sent).toHaveLength(1);
    expect(fast.sent).toHaveLength(3);
    slow.bufferedAmount = 0;
    hub.publish(healthEvent);
    expect(slow.sent.map((e) => e.event)).toEqual([
      'system.health',
      'system.resync',
      'system.health',
    ]);
  });

  it('forgets closed clients', () => {
    const hub = new RealtimeHub(new FakeClock());
    const a = connect(hub);
    connect(hub);
    expect(hub.clientCount).toBe(2);
    a.close();
    expect(hub.clientCount).toBe(1);
  });
});
