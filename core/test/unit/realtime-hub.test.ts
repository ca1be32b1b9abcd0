import { EventEmitter } from 'node:events';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { RealtimeHub, type AttachOptions } from '../../src/api/realtime-hub.js';
import type { NodeView } from '../../src/contracts/devices.js';
import { RealtimeEventSchema, type RealtimeEvent } from '../../src/contracts/realtime.js';
import { EventLog } from '../../src/events/event-log.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
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
  /** What a client sends. */
  say(message: unknown) {
    this.emit('message', Buffer.from(JSON.stringify(message)));
  }
}

const healthEvent = {
  channel: 'hydro.system' as const,
  event: 'system.health' as const,
  data: {
    state: 'ok' as const,
    version: '0.0.0',
    started_at: '2026-01-01T00:00:00.000Z',
    uptime_s: 0,
    components: [],
  },
};

const timeline = (n: number) => ({
  channel: 'hydro.events' as const,
  event: 'event.created' as const,
  data: {
    event: {
      id: n,
      zone_id: 1,
      node_id: null,
      channel: null,
      type: `STEP_${n}`,
      payload: { n },
      created_at: '2026-01-01T00:00:00.000Z',
    },
  },
});

const device = (zoneId: number | null): Parameters<RealtimeHub['publish']>[0] => ({
  channel: 'hydro.devices',
  event: 'device.updated',
  data: { device: { ...NODE, zone_id: zoneId } },
});

const NODE: NodeView = {
  id: 5,
  uid: 'nd-ph-1',
  hardware_id: 'esp32-0001',
  name: null,
  type: 'ph',
  status: 'online',
  lifecycle_state: 'ACTIVE',
  zone_id: 1,
  pending_zone_id: null,
  fw_version: '2.0.1',
  rssi: -50,
  ip: null,
  uptime_seconds: 10,
  free_heap_bytes: 1000,
  last_seen_at: null,
  last_heartbeat_at: null,
  first_seen_at: '2026-01-01T00:00:00.000Z',
  channels: [],
};

/** A hub over a real event log in an in-memory SQLite store; `restart` keeps the store. */
async function setup(db: Database = memoryDb()) {
  const clock = new FakeClock();
  const storage = createSqliteStorage(db);
  const log = new EventLog({ repo: () => storage.eventLog, clock, logger: silentLogger() });
  await log.start();
  const hub = new RealtimeHub({ clock, log, logger: silentLogger() });
  const connect = (options: AttachOptions = {}) => {
    const socket = new FakeSocket();
    hub.attach(socket as unknown as WebSocket, [healthEvent], options);
    return socket;
  };
  return { clock, storage, log, hub, connect, db };
}

function memoryDb() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  return db;
}

/** Let a replay (a few awaited store reads) finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const ids = (s: FakeSocket) => s.sent.map((e) => e.event_id);
const kinds = (s: FakeSocket) => s.sent.map((e) => e.event);

describe('RealtimeHub', () => {
  it('greets with the current state and stamps increasing event ids and server time', async () => {
    const { hub, clock, connect } = await setup();
    const a = connect();
    clock.advance(10);
    hub.publish(healthEvent);
    const [first, second] = a.sent;
    expect(second!.event_id).toBe(first!.event_id + 1);
    expect(second!.server_ts).toBe(clock.now());
  });

  it('drops events for a slow client and tells it to resync once it drains', async () => {
    const { hub, connect } = await setup();
    const slow = connect();
    const fast = connect();
    slow.bufferedAmount = 2 * 1024 * 1024;
    hub.publish(healthEvent);
    hub.publish(healthEvent);
    expect(slow.sent).toHaveLength(1);
    expect(fast.sent).toHaveLength(3);
    slow.bufferedAmount = 0;
    hub.publish(healthEvent);
    expect(kinds(slow)).toEqual(['system.health', 'system.resync', 'system.health']);
  });

  it('forgets closed clients', async () => {
    const { hub, connect } = await setup();
    const a = connect();
    connect();
    expect(hub.clientCount).toBe(2);
    a.close();
    expect(hub.clientCount).toBe(1);
  });

  it('never hands out an id twice across restarts, stored or not', async () => {
    const first = await setup();
    first.hub.publish(timeline(1));
    for (let i = 0; i < 3; i++) first.hub.publish(healthEvent);
    const lastBefore = first.log.lastId();
    await first.log.stop();
    const second = await setup(first.db);
    const a = second.connect();
    expect(a.sent[0]!.event_id).toBeGreaterThan(lastBefore);
  });

  it('replays what a client missed, then its greeting and live events, in id order', async () => {
    const { hub, connect, log } = await setup();
    const stayed = connect();
    hub.publish(timeline(1));
    const seen = log.lastId();
    hub.publish(timeline(2));
    hub.publish(healthEvent);
    hub.publish(device(1));
    const back = connect({ afterId: seen });
    hub.publish(timeline(3));
    await settle();
    hub.publish(timeline(4));
    expect(kinds(back)).toEqual([
      'event.created',
      'device.updated',
      'system.health',
      'event.created',
      'event.created',
    ]);
    expect(ids(back)).toEqual([...ids(back)].sort((x, y) => x - y));
    // The same state events, with the same ids, as the client that stayed.
    const durable = (s: FakeSocket) =>
      s.sent.filter((e) => e.event !== 'system.health' && e.event_id > seen);
    expect(durable(back)).toEqual(durable(stayed));
  });

  it('replays on a resume message from a connected client', async () => {
    const { hub, connect } = await setup();
    hub.publish(timeline(1));
    hub.publish(timeline(2));
    const client = connect();
    client.say({ type: 'resume', after_id: 0 });
    await settle();
    const steps = client.sent
      .filter((e) => e.event === 'event.created')
      .map((e) => (e.data as { event: { type: string } }).event.type);
    expect(steps).toEqual(['STEP_1', 'STEP_2']);
    client.say('not json{');
    client.say({ type: 'resume', after_id: -1 });
    await settle();
    expect(client.sent).toHaveLength(3);
  });

  it('tells a client to resync when what it missed is no longer kept', async () => {
    const { hub, connect, storage, log } = await setup();
    for (let i = 1; i <= 4; i++) hub.publish(timeline(i));
    await log.flush();
    await storage.eventLog.trim(0, 2);
    await log.stop();
    await log.start();
    const client = connect({ afterId: 1 });
    hub.publish(timeline(5));
    await settle();
    expect(kinds(client)).toEqual(['system.health', 'event.created', 'system.resync']);
    expect(ids(client)).toEqual([...ids(client)].sort((x, y) => x - y));
  });

  it('shows nodes outside any zone only to clients that may see unassigned devices', async () => {
    const { hub, connect } = await setup();
    hub.publish(device(null));
    hub.publish(device(1));
    const viewer = connect({ afterId: 0, allows: (c) => c !== 'devices.view_unassigned' });
    const engineer = connect({ afterId: 0, allows: () => true });
    await settle();
    hub.publish(device(null));
    const zones = (s: FakeSocket) =>
      s.sent.filter((e) => e.event === 'device.updated').map((e) => e.data.device.zone_id);
    expect(zones(viewer)).toEqual([1]);
    expect(zones(engineer)).toEqual([null, 1, null]);
  });
});
