import BetterSqlite3 from 'better-sqlite3';
import type { BrokerHost } from '../../src/broker/broker-host.js';
import type { MqttBus } from '../../src/bus/mqtt-bus.js';
import type { DevicesContext } from '../../src/devices/context.js';
import { DropCounter } from '../../src/devices/inbound.js';
import { NodeDirectory } from '../../src/devices/node-directory.js';
import type { EventSink } from '../../src/devices/views.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import { nodeInput } from '../contract/records.js';
import { FakeClock } from '../fakes/fake-clock.js';

export interface Published {
  topic: string;
  payload: string;
  retain: boolean;
}

/**
 * Devices services over a real in-memory SQLite store and a fake clock. The bus records what is
 * published; `onPublish` lets a test act as the node (e.g. answer before the PUBACK).
 */
export function devicesFixture() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const clock = new FakeClock(Date.UTC(2026, 10, 27, 12));
  const published: Published[] = [];
  const events: Parameters<EventSink>[0][] = [];
  let onPublish: (p: Published) => Promise<void> | void = () => undefined;
  let failPublishes = 0;
  const bus = {
    async publish(topic: string, payload: string | Buffer, options: { retain?: boolean } = {}) {
      if (failPublishes > 0) {
        failPublishes--;
        throw new Error('broker unavailable');
      }
      const p = { topic, payload: payload.toString(), retain: options.retain ?? false };
      published.push(p);
      await onPublish(p);
    },
    subscribe: () => Promise.resolve(),
  } as unknown as MqttBus;
  const broker = {
    kind: 'embedded',
    endpointSeenBy: () => ({ host: '192.168.1.10', port: 1883 }),
  } as unknown as BrokerHost;
  const ctx: DevicesContext = {
    storage,
    bus,
    broker,
    directory: new NodeDirectory(),
    drops: new DropCounter(),
    clock,
    logger: silentLogger(),
    publish: (event) => events.push(event),
    accessMode: 'default',
  };
  return {
    ctx,
    clock,
    storage,
    published,
    events,
    setOnPublish(fn: typeof onPublish) {
      onPublish = fn;
    },
    failNextPublishes(n: number) {
      failPublishes = n;
    },
  };
}

/** A bound ph node in zone gh-1/zn-1, as the registry would have stored it. */
export async function seedBoundNode(ctx: DevicesContext, clock: FakeClock) {
  const now = clock.now();
  const gh = await ctx.storage.greenhouses.create(
    { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
    now,
  );
  const zone = await ctx.storage.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, now);
  const node = await ctx.storage.nodes.create(
    nodeInput(0xaabbccddee01, {
      lifecycleState: 'ASSIGNED_TO_ZONE',
      zoneId: zone.id,
      status: 'online',
      lastSeenAt: now,
      lastHeartbeatAt: now,
      nodeSecret: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      firstSeenAt: now,
      updatedAt: now,
    }),
  );
  ctx.directory.put(node, zone);
  return { node, zone };
}

export function message(topic: string, payload: unknown, retain = false) {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { topic, payload: Buffer.from(text), retain };
}
