import { afterEach, describe, expect, it } from 'vitest';
import type { NodeView } from '../../src/contracts/devices.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const HW = 'esp32-aabbccddee01';
const nowS = () => Math.floor(Date.now() / 1000);

function metrics(name: string): Record<string, number | string | boolean> {
  return h.core.health().components.find((c) => c.name === name)!.metrics;
}

/** Register and bind a node the way the wire would, straight through the devices service. */
async function boundNode() {
  const gh = await h.core.storage.greenhouses.create(
    { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
    Date.now(),
  );
  const zone = await h.core.storage.zones.create(
    { greenhouseId: gh.id, uid: 'zn-1', name: 'Z' },
    Date.now(),
  );
  const node = await h.mqtt(HW);
  await node.publishAsync(
    'hydro/node_hello',
    JSON.stringify({ message_type: 'node_hello', hardware_id: HW, node_type: 'ph' }),
    { qos: 1 },
  );
  await expect.poll(() => h.core.storage.nodes.byHardwareId(HW)).toBeTruthy();
  const record = (await h.core.storage.nodes.byHardwareId(HW))!;
  await h.core.devices.provisioning.assign(record.id, zone.id);
  const ns = `hydro/gh-1/zn-1/${record.uid}`;
  await h.core.devices.handle({
    topic: `${ns}/config_report`,
    payload: Buffer.from(JSON.stringify({ node_id: record.uid })),
    retain: false,
  });
  await node.endAsync();
  const bound = await h.mqtt(HW, { username: record.uid, password: record.mqttPassword });
  return { record, ns, bound };
}

describe('broker access control with real clients', () => {
  it('keeps an anonymous client out of a bound node namespace and its commands', async () => {
    h = await startCore();
    const { record, ns, bound } = await boundNode();
    await bound.subscribeAsync(`${ns}/+/command`, { qos: 1 });
    const commandsSeen: string[] = [];
    bound.on('message', (topic) => commandsSeen.push(topic));

    // A denied publish makes the broker drop the connection, so each attempt gets its own client.
    const reader = await h.mqtt('esp32-ffffffffffff');
    await expect(reader.subscribeAsync(`${ns}/+/command`, { qos: 1 })).rejects.toThrow(
      /Subscribe error/,
    );
    const spoofer = await h.mqtt('esp32-fffffffffffe');
    spoofer.publish(
      `${ns}/ph_sensor/telemetry`,
      JSON.stringify({ metric_type: 'PH', value: 3, ts: nowS() }),
      { qos: 0 },
    );
    const commander = await h.mqtt('esp32-fffffffffffd');
    const forged = { cmd: 'dose', cmd_id: 'x', params: { ml: 5 }, ts: nowS(), sig: '0'.repeat(64) };
    commander.publish(`${ns}/pump_acid/command`, JSON.stringify(forged), { qos: 0 });
    await expect
      .poll(() => Number(metrics('broker').denials), { timeout: 5000 })
      .toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(commandsSeen).toEqual([]);
    expect(await h.core.storage.telemetry.latest(record.id, 5)).toEqual([]);
  });

  it('refuses wrong node credentials at connect', async () => {
    h = await startCore();
    const { record } = await boundNode();
    await expect(
      h.mqtt('esp32-aabbccddee09', { username: record.uid, password: 'wrong' }),
    ).rejects.toThrow();
  });

  it('marks a node offline when its socket drops (LWT)', async () => {
    h = await startCore();
    const { record, ns } = await boundNode();
    const node = await h.mqtt('esp32-aabbccddee01', {
      username: record.uid,
      password: record.mqttPassword,
      will: { topic: `${ns}/lwt`, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    await node.publishAsync(`${ns}/heartbeat`, JSON.stringify({ uptime: 5, free_heap: 1000 }), {
      qos: 1,
    });
    await expect
      .poll(async () => (await h.core.storage.nodes.byId(record.id))!.status)
      .toBe('online');
    node.stream.destroy();
    await expect
      .poll(async () => (await h.core.storage.nodes.byId(record.id))!.status, { timeout: 10_000 })
      .toBe('offline');
  });
});

describe('malformed input never crashes the core', () => {
  it('counts and drops malformed, oversized and wrong-typed payloads on every topic, and keeps serving', async () => {
    h = await startCore({ HYDRO_MQTT_ACCESS: 'open' });
    const { record, ns } = await boundNode();
    const client = await h.mqtt('fuzzer');
    const topics = [
      `${ns}/ph_sensor/telemetry`,
      `${ns}/heartbeat`,
      `${ns}/status`,
      `${ns}/lwt`,
      `${ns}/diagnostics`,
      `${ns}/error`,
      `${ns}/config_report`,
      `${ns}/pump_acid/command_response`,
      `${ns}/level_clean_max/event`,
      `hydro/gh-temp/zn-temp/${HW}/heartbeat`,
      'hydro/node_hello',
      'hydro/time/request',
      'hydro/GH/zn/NODE/x/telemetry',
    ];
    const bad = [
      '',
      'not json',
      '[1,2]',
      '42',
      'null',
      '{"metric_type":5}',
      '{"uptime":"x"}',
      '{"a":'.repeat(50),
      'x'.repeat(70 * 1024),
      '\u0000\u00ff',
    ];
    for (const topic of topics) {
      for (const payload of bad) await client.publishAsync(topic, payload, { qos: 1 });
    }
    const sent = topics.length * bad.length;
    const received = () => Number(metrics('mqtt-bus').received);
    await expect
      .poll(() => Number(metrics('devices').accepted) + Number(metrics('devices').dropped), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(sent);
    expect(received()).toBeGreaterThanOrEqual(sent);
    const res = await fetch(`${h.urls.http}/api/health`);
    expect(res.status).toBe(200);
    const nodes = await h.api<{ data: NodeView[] }>('GET', '/api/nodes');
    expect(nodes.body.data.find((n) => n.id === record.id)?.zone_id).not.toBeNull();
  });
});
