import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandView, NodeView } from '../../src/contracts/devices.js';
import { verifyCommandSignature } from '../../src/protocol/hmac.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

const HW = 'esp32-aabbccddee01';
const TEMP = `hydro/gh-temp/zn-temp/${HW}`;

let h: Harness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.stop();
});

const nowS = () => Math.floor(Date.now() / 1000);
const json = (value: unknown) => JSON.stringify(value);

async function nextMessage(client: MqttClient, topic: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (t: string, payload: Buffer) => {
      if (t !== topic) return;
      client.off('message', onMessage);
      resolve(JSON.parse(payload.toString()) as Record<string, unknown>);
    };
    client.on('message', onMessage);
  });
}

async function nodeByHardware(): Promise<NodeView | undefined> {
  const { body } = await h.api<{ data: NodeView[] }>('GET', '/api/nodes');
  return body.data.find((n) => n.hardware_id === HW);
}

async function seedZone() {
  const gh = await h.core.storage.greenhouses.create(
    { uid: 'gh-1', name: 'North', timezone: 'UTC' },
    Date.now(),
  );
  return h.core.storage.zones.create(
    { greenhouseId: gh.id, uid: 'zn-1', name: 'Lettuce' },
    Date.now(),
  );
}

describe('node registration, binding and commands over the real broker', () => {
  it('registers, binds only on a config_report from the target namespace, then takes telemetry and commands', async () => {
    const zone = await seedZone();
    const fresh = await h.mqtt(HW);
    await fresh.subscribeAsync(`${TEMP}/config`, { qos: 1 });
    await fresh.publishAsync(
      'hydro/node_hello',
      json({ message_type: 'node_hello', hardware_id: HW, node_type: 'ph', fw_version: '2.0.1' }),
      { qos: 1 },
    );
    await fresh.publishAsync(
      `${TEMP}/heartbeat`,
      json({ uptime: 5, free_heap: 100000, rssi: -60 }),
      { qos: 1 },
    );
    await expect
      .poll(async () => (await nodeByHardware())?.status, { timeout: 5000 })
      .toBe('online');
    const node = (await nodeByHardware())!;
    expect(node).toMatchObject({
      uid: 'nd-ph-aabbccddee01',
      type: 'ph',
      zone_id: null,
      lifecycle_state: 'REGISTERED_BACKEND',
    });
    expect(JSON.stringify(node)).not.toContain('node_secret');

    const configArrives = nextMessage(fresh, `${TEMP}/config`);
    const assigned = await h.api<{ data: NodeView }>('PATCH', `/api/nodes/${node.id}`, {
      zone_id: zone.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data).toMatchObject({ zone_id: null, pending_zone_id: zone.id });
    const config = await configArrives;
    expect(config).toMatchObject({
      node_id: node.uid,
      gh_uid: 'gh-1',
      zone_uid: 'zn-1',
      version: 3,
      type: 'ph',
    });
    const mqtt = config.mqtt as { username: string; password: string; port: number };
    const secret = config.node_secret as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(mqtt.username).toBe(node.uid);

    // A report from the temp namespace never finalises the bind.
    await fresh.publishAsync(
      `${TEMP}/config_report`,
      json({ node_id: HW, gh_uid: 'gh-temp', zone_uid: 'zn-temp' }),
      { qos: 1 },
    );
    await fresh.endAsync();

    const ns = `hydro/gh-1/zn-1/${node.uid}`;
    const bound = await h.mqtt(HW, { username: mqtt.username, password: mqtt.password });
    await bound.subscribeAsync(`${ns}/+/command`, { qos: 1 });
    await bound.publishAsync(
      `${ns}/ph_sensor/telemetry`,
      json({ metric_type: 'PH', value: 6.1, ts: nowS() }),
      { qos: 1 },
    );
    expect((await nodeByHardware())?.zone_id).toBeNull();
    await bound.publishAsync(
      `${ns}/config_report`,
      json({
        ...config,
        node_secret: secret,
        channels: [{ name: 'ph_sensor', type: 'SENSOR', metric: 'PH' }],
      }),
      { qos: 1 },
    );
    await expect
      .poll(async () => (await nodeByHardware())?.zone_id, { timeout: 5000 })
      .toBe(zone.id);
    const boundNode = (await nodeByHardware())!;
    expect(boundNode).toMatchObject({ lifecycle_state: 'ASSIGNED_TO_ZONE', pending_zone_id: null });
    expect(boundNode.channels.map((c) => c.channel)).toEqual(['ph_sensor']);
    const detail = await h.api<{ data: { config: Record<string, unknown> } }>(
      'GET',
      `/api/nodes/${node.id}`,
    );
    expect(detail.body.data.config).not.toHaveProperty('node_secret');
    expect(JSON.stringify(detail.body.data.config)).not.toContain(mqtt.password);

    await bound.publishAsync(
      `${ns}/ph_sensor/telemetry`,
      json({ metric_type: 'PH', value: 6.2, ts: nowS() }),
      { qos: 1 },
    );
    await expect
      .poll(async () => (await h.core.storage.telemetry.latest(node.id, 10)).map((s) => s.value), {
        timeout: 5000,
      })
      .toEqual([6.2]);

    const commandArrives = nextMessage(bound, `${ns}/pump_acid/command`);
    const sent = await h.api<{ data: { command: CommandView } }>(
      'POST',
      `/api/nodes/${node.id}/commands`,
      {
        cmd: 'dose',
        channel: 'pump_acid',
        params: { ml: 0.5 },
      },
    );
    expect(sent.status).toBe(202);
    const wire = await commandArrives;
    expect(Object.keys(wire).sort()).toEqual(['cmd', 'cmd_id', 'params', 'sig', 'ts']);
    expect(verifyCommandSignature(secret, wire)).toBe(true);
    expect(Math.abs((wire.ts as number) - nowS())).toBeLessThanOrEqual(2);
    const cmdId = wire.cmd_id as string;
    const respond = (status: string) =>
      bound.publishAsync(
        `${ns}/pump_acid/command_response`,
        json({ cmd_id: cmdId, status, ts: Date.now() }),
        { qos: 1 },
      );
    await respond('ACK');
    await expect
      .poll(
        async () =>
          (await h.api<{ data: CommandView }>('GET', `/api/commands/${cmdId}/status`)).body.data
            .status,
      )
      .toBe('ACK');
    await respond('DONE');
    await respond('ERROR');
    await expect
      .poll(
        async () =>
          (await h.api<{ data: CommandView }>('GET', `/api/commands/${cmdId}/status`)).body.data
            .status,
      )
      .toBe('DONE');
    expect((await h.core.devices.commands.awaitTerminal(cmdId)).status).toBe('DONE');
  });
});
