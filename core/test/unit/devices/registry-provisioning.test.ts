import { describe, expect, it } from 'vitest';
import { DevicesService, OFFLINE_TIMEOUT_MS } from '../../../src/devices/devices-service.js';
import { PENDING_BIND_TTL_MS } from '../../../src/devices/provisioning.js';
import { devicesFixture, message } from '../../helpers/devices-fixture.js';

const HW = 'esp32-0123456789ab';
const TEMP = `hydro/gh-temp/zn-temp/${HW}`;
const hello = { message_type: 'node_hello', hardware_id: HW, node_type: 'ec', fw_version: '2.0.1' };

async function setup() {
  const f = devicesFixture();
  const service = new DevicesService(f.ctx);
  const gh = await f.storage.greenhouses.create(
    { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
    f.clock.now(),
  );
  const zone = await f.storage.zones.create(
    { greenhouseId: gh.id, uid: 'zn-1', name: 'Z' },
    f.clock.now(),
  );
  const send = (topic: string, payload: unknown, retain = false) =>
    service.handle(message(topic, payload, retain));
  const node = async () => (await f.storage.nodes.byHardwareId(HW))!;
  return { ...f, service, zone, send, node };
}

describe('node registry', () => {
  it('registers a node from node_hello as nd-{prefix}-{mac}, unbound and offline', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    expect(await t.node()).toMatchObject({
      uid: 'nd-ec-0123456789ab',
      type: 'ec',
      lifecycleState: 'REGISTERED_BACKEND',
      status: 'offline',
      zoneId: null,
    });
    expect((await t.node()).nodeSecret).toMatch(/^[0-9a-f]{64}$/);
    await t.send('hydro/node_hello', { ...hello, fw_version: '2.0.2' });
    expect((await t.storage.nodes.list()).length).toBe(1);
    expect((await t.node()).fwVersion).toBe('2.0.2');
  });

  it('normalises an unknown node type and keeps errors of unknown nodes until they register', async () => {
    const t = await setup();
    await t.send(`${TEMP}/error`, {
      level: 'ERROR',
      component: 'ph_sensor',
      error_code: 'e1',
      message: 'broken',
    });
    await t.send('hydro/node_hello', { ...hello, node_type: 'pump_node' });
    const node = await t.node();
    expect(node.type).toBe('unknown');
    expect(node.uid).toBe('nd-node-0123456789ab');
    expect((await t.storage.nodes.errors(node.id, 10)).map((e) => e.errorCode)).toEqual(['e1']);
  });

  it('replays a config_report that arrived before registration', async () => {
    const t = await setup();
    await t.send(`${TEMP}/config_report`, {
      node_id: HW,
      gh_uid: 'gh-temp',
      zone_uid: 'zn-temp',
      channels: [{ name: 'ec_sensor', type: 'SENSOR', metric: 'EC' }],
    });
    await t.send('hydro/node_hello', hello);
    expect((await t.storage.nodes.channels((await t.node()).id)).map((c) => c.channel)).toEqual([
      'ec_sensor',
    ]);
  });

  it('marks online on heartbeat and offline on a live LWT, but ignores a retained LWT', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    await t.send(`${TEMP}/heartbeat`, { uptime: 10, free_heap_bytes: 5000, rssi: -70 });
    expect(await t.node()).toMatchObject({ status: 'online', freeHeapBytes: 5000, rssi: -70 });
    await t.send(`${TEMP}/lwt`, 'offline', true);
    expect((await t.node()).status).toBe('online');
    await t.send(`${TEMP}/lwt`, 'offline');
    expect((await t.node()).status).toBe('offline');
  });

  it('marks a silent node offline after 120 s, not before', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    await t.send(`${TEMP}/heartbeat`, { uptime: 10, free_heap: 5000 });
    t.clock.advance(OFFLINE_TIMEOUT_MS - 1000);
    await t.service.monitor();
    expect((await t.node()).status).toBe('online');
    t.clock.advance(2000);
    await t.service.monitor();
    expect((await t.node()).status).toBe('offline');
    expect(t.events.some((e) => e.event === 'device.updated')).toBe(true);
  });
});

describe('provisioning', () => {
  it('publishes NodeConfig with secret and credentials on the temp topic and binds only on a matching report', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    const node = await t.node();
    await t.service.provisioning.assign(node.id, t.zone.id);
    const pushed = t.published.find((p) => p.topic === `${TEMP}/config`)!;
    const config = JSON.parse(pushed.payload) as Record<string, unknown>;
    expect(config).toMatchObject({
      node_id: node.uid,
      gh_uid: 'gh-1',
      zone_uid: 'zn-1',
      node_secret: node.nodeSecret,
    });
    expect(config.mqtt).toEqual({
      host: '192.168.1.10',
      port: 1883,
      keepalive: 30,
      client_id: HW,
      username: node.uid,
      password: node.mqttPassword,
    });
    expect(await t.node()).toMatchObject({ zoneId: null, pendingZoneId: t.zone.id });

    await t.send(`${TEMP}/config_report`, { node_id: HW, gh_uid: 'gh-temp', zone_uid: 'zn-temp' });
    await t.send(`hydro/gh-1/zn-2/${node.uid}/config_report`, {
      node_id: node.uid,
      gh_uid: 'gh-1',
      zone_uid: 'zn-2',
    });
    expect((await t.node()).zoneId).toBeNull();
    await t.send(`hydro/gh-1/zn-1/${node.uid}/config_report`, {
      node_id: node.uid,
      gh_uid: 'gh-1',
      zone_uid: 'zn-1',
      node_secret: 'echoed',
    });
    expect(await t.node()).toMatchObject({
      zoneId: t.zone.id,
      pendingZoneId: null,
      lifecycleState: 'ASSIGNED_TO_ZONE',
    });
    expect((await t.node()).config).not.toHaveProperty('node_secret');
    expect((await t.node()).nodeSecret).toBe(node.nodeSecret);
    // The zombie retained status/LWT of the temp namespace are cleared.
    expect(t.published.filter((p) => p.retain && p.payload === '').map((p) => p.topic)).toEqual([
      `${TEMP}/status`,
      `${TEMP}/lwt`,
    ]);
  });

  it('expires a pending bind after 30 min', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    await t.service.provisioning.assign((await t.node()).id, t.zone.id);
    t.clock.advance(PENDING_BIND_TTL_MS - 1000);
    await t.service.provisioning.expirePending();
    expect((await t.node()).pendingZoneId).toBe(t.zone.id);
    t.clock.advance(2000);
    await t.service.provisioning.expirePending();
    expect((await t.node()).pendingZoneId).toBeNull();
  });

  it('detaches a node even when the unbind cannot be delivered, and drops its later telemetry', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    const node = await t.node();
    await t.service.provisioning.assign(node.id, t.zone.id);
    await t.send(`hydro/gh-1/zn-1/${node.uid}/config_report`, {
      node_id: node.uid,
      gh_uid: 'gh-1',
      zone_uid: 'zn-1',
    });
    t.failNextPublishes(1);
    await t.service.provisioning.detach(node.id);
    expect(await t.node()).toMatchObject({ zoneId: null, lifecycleState: 'REGISTERED_BACKEND' });
    await t.send(`hydro/gh-1/zn-1/${node.uid}/ec_sensor/telemetry`, {
      metric_type: 'EC',
      value: 1.2,
      ts: Math.floor(t.clock.now() / 1000),
    });
    expect(t.ctx.drops.snapshot().byReason['telemetry:namespace_mismatch']).toBe(1);
  });

  it('refuses to assign a node that is not connected (its credentials could not be delivered)', async () => {
    const t = await setup();
    await t.send('hydro/node_hello', hello);
    Object.assign(t.ctx.broker, { endpointSeenBy: () => null });
    await expect(
      t.service.provisioning.assign((await t.node()).id, t.zone.id),
    ).rejects.toMatchObject({ code: 'node_offline' });
    expect((await t.node()).pendingZoneId).toBeNull();
  });
});
