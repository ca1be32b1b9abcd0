import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  NODE_OFFLINE_CHECK_MS,
  NODE_OFFLINE_CODE,
  NodeOfflineAlerts,
  nodeOfflineKey,
} from '../../../src/alerts/node-offline-alerts.js';
import { OFFLINE_TIMEOUT_MS } from '../../../src/devices/devices-service.js';
import type { NodeRecord } from '../../../src/storage/types.js';
import {
  addNode,
  alertsOf,
  pass,
  producersFixture,
  timeline,
  type ProducersFixture,
} from './producers-fixture.js';

let f: ProducersFixture;
let producer: NodeOfflineAlerts;

beforeEach(async () => {
  f = await producersFixture();
});
afterEach(async () => {
  await producer.stop();
  await f.close();
});

const start = async () => {
  producer = new NodeOfflineAlerts({ ...f.ctx, zoneEvents: f.zoneEvents });
  await producer.start();
  return producer;
};
const setStatus = (node: NodeRecord, status: 'online' | 'offline') =>
  f.storage.nodes.update(node.id, {
    status,
    ...(status === 'online' ? { lastSeenAt: f.clock.now(), lastHeartbeatAt: f.clock.now() } : {}),
  });
const check = () => pass(f, producer, NODE_OFFLINE_CHECK_MS, NODE_OFFLINE_CHECK_MS);

describe('node offline alerts', () => {
  it('raises biz_node_offline when a bound node goes offline and resolves it when it returns', async () => {
    const node = await addNode(f, 1, { name: 'pH node' });
    await start();
    await setStatus(node, 'offline');
    await check();
    const [alert] = await alertsOf(f, NODE_OFFLINE_CODE);
    expect(alert).toMatchObject({
      zoneId: f.zoneId,
      severity: 'error',
      status: 'ACTIVE',
      count: 1,
      dedupeKey: nodeOfflineKey(f.zoneId, node.uid),
      message: 'Node pH node is offline',
      details: { node_id: node.id, node_uid: node.uid },
    });
    // Still offline: no new alert, no repeat on every check.
    await pass(f, producer, 10 * 60_000, NODE_OFFLINE_CHECK_MS);
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toMatchObject([{ id: alert!.id, count: 1 }]);

    await setStatus(node, 'online');
    await check();
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toMatchObject([
      { id: alert!.id, status: 'RESOLVED', resolvedBy: 'auto' },
    ]);
    expect(await timeline(f)).toEqual(['NODE_OFFLINE', 'NODE_ONLINE']);

    // A second outage is a new alert.
    await setStatus(node, 'offline');
    await check();
    const all = await alertsOf(f, NODE_OFFLINE_CODE);
    expect(all.map((a) => a.status)).toEqual(['RESOLVED', 'ACTIVE']);
  });

  it('ignores nodes bound to no zone, and resolves when the node leaves its zone', async () => {
    await addNode(f, 2, { zoneId: null, status: 'offline' });
    const node = await addNode(f, 1);
    await start();
    await setStatus(node, 'offline');
    await check();
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toHaveLength(1);
    await f.storage.nodes.update(node.id, { zoneId: null });
    await check();
    expect((await alertsOf(f, NODE_OFFLINE_CODE)).map((a) => a.status)).toEqual(['RESOLVED']);
  });

  it('gives nodes found offline at start the liveness timeout to reconnect', async () => {
    // Last heard before this run started (the core was down meanwhile).
    const before = { status: 'offline', lastSeenAt: 0, lastHeartbeatAt: 0 } as const;
    const back = await addNode(f, 1, before);
    const gone = await addNode(f, 2, before);
    await start();
    await pass(f, producer, 60_000, NODE_OFFLINE_CHECK_MS);
    await setStatus(back, 'online');
    await pass(
      f,
      producer,
      OFFLINE_TIMEOUT_MS - 60_000 - NODE_OFFLINE_CHECK_MS,
      NODE_OFFLINE_CHECK_MS,
    );
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toEqual([]);
    await check();
    expect((await alertsOf(f, NODE_OFFLINE_CODE)).map((a) => a.details?.node_uid)).toEqual([
      gone.uid,
    ]);
  });

  it('takes over the alert after a restart: one alert, counted again, resolved on return', async () => {
    const node = await addNode(f, 1);
    await start();
    await setStatus(node, 'offline');
    await check();
    await producer.stop();

    await start();
    await pass(f, producer, OFFLINE_TIMEOUT_MS, NODE_OFFLINE_CHECK_MS);
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toMatchObject([{ status: 'ACTIVE', count: 2 }]);
    expect(await timeline(f)).toEqual(['NODE_OFFLINE']);
    await producer.stop();

    await start();
    await setStatus(node, 'online');
    await check();
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toMatchObject([{ status: 'RESOLVED', count: 2 }]);
    expect(await timeline(f)).toEqual(['NODE_OFFLINE', 'NODE_ONLINE']);
  });

  it('retries an alert the per-zone rate limit dropped', async () => {
    const node = await addNode(f, 1);
    await start();
    for (let i = 0; i < 10; i++) {
      await f.alerts.raise({
        zoneId: f.zoneId,
        code: 'biz_other',
        severity: 'info',
        message: 'noise',
        dedupeKey: `noise:${i}`,
      });
    }
    await setStatus(node, 'offline');
    await check();
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toEqual([]);
    expect(f.alerts.rateLimited).toBe(1);
    await pass(f, producer, 60_000, NODE_OFFLINE_CHECK_MS);
    expect(await alertsOf(f, NODE_OFFLINE_CODE)).toMatchObject([{ status: 'ACTIVE', count: 1 }]);
    expect(await timeline(f)).toEqual(['NODE_OFFLINE']);
  });
});
