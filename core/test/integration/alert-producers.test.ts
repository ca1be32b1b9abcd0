import { afterEach, describe, expect, it } from 'vitest';
import { NODE_OFFLINE_CODE, nodeOfflineKey } from '../../src/alerts/node-offline-alerts.js';
import { createSimulatedNode, type SimulatedNode } from '../../src/sim/index.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness | undefined;
let sim: SimulatedNode | undefined;
afterEach(async () => {
  await sim?.stop();
  await h?.stop();
});

describe('alert producers on a real core', () => {
  it('a simulated node dropping off raises biz_node_offline, its return resolves it', async () => {
    h = await startCore();
    const core = h.core;
    const gh = await core.storage.greenhouses.create(
      { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
      Date.now(),
    );
    const zone = await core.storage.zones.create(
      { greenhouseId: gh.id, uid: 'zn-1', name: 'Z' },
      Date.now(),
    );
    sim = createSimulatedNode({
      type: 'ph',
      mac: 'a1b2c3d4e5f7',
      brokerUrl: h.urls.mqtt,
      seed: 7,
      speed: 10,
      timing: { bootMs: 0 },
    });
    await sim.start();
    const record = () => core.storage.nodes.byHardwareId('esp32-a1b2c3d4e5f7');
    await expect.poll(async () => (await record())?.status, { timeout: 10_000 }).toBe('online');
    const { id } = (await record())!;
    expect((await h.api('PATCH', `/api/nodes/${id}`, { zone_id: zone.id })).status).toBe(200);
    await expect.poll(async () => (await record())?.zoneId, { timeout: 15_000 }).toBe(zone.id);
    const node = (await record())!;

    const alerts = async () =>
      (await core.storage.alerts.list({ code: NODE_OFFLINE_CODE, limit: 10, offset: 0 })).alerts;
    const timeline = async () =>
      (await core.storage.events.list(zone.id, { limit: 100 })).map((e) => e.type);

    // The socket dies: the broker publishes the LWT, the registry marks the node offline.
    sim.goOffline();
    await expect.poll(async () => (await alerts()).length, { timeout: 20_000 }).toBe(1);
    expect((await alerts())[0]).toMatchObject({
      zoneId: zone.id,
      severity: 'error',
      status: 'ACTIVE',
      dedupeKey: nodeOfflineKey(zone.id, node.uid),
    });
    expect(await timeline()).toContain('NODE_OFFLINE');

    sim.goOnline();
    await expect
      .poll(async () => (await alerts())[0]?.status, { timeout: 30_000 })
      .toBe('RESOLVED');
    expect(await alerts()).toHaveLength(1);
    expect(await timeline()).toContain('NODE_ONLINE');
    const producers = core.health().components.filter((c) => c.name.endsWith('-alerts'));
    expect(producers.map((c) => [c.name, c.state])).toEqual([
      ['node-offline-alerts', 'healthy'],
      ['stale-sensor-alerts', 'healthy'],
      ['band-alerts', 'healthy'],
    ]);
  }, 90_000);
});
