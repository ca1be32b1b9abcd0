import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AedesBrokerHost } from '../../src/broker/aedes-broker-host.js';
import type { AccessDeps } from '../../src/broker/mqtt-access.js';
import { CommandResponseSchema } from '../../src/contracts/mqtt/command.js';
import { timeResponse } from '../../src/contracts/mqtt/time-sync.js';
import { buildSignedCommand } from '../../src/protocol/hmac.js';
import {
  BACKEND_SUBSCRIPTIONS,
  TIME_REQUEST_TOPIC,
  TIME_RESPONSE_TOPIC,
} from '../../src/protocol/topics.js';
import { silentLogger } from '../../src/runtime/logger.js';
import {
  createSimulatedNode,
  type SimulatedNode,
  type SimulatedNodeOptions,
} from '../../src/sim/index.js';

const SECRET = 'b'.repeat(64);
/** Anonymous access: the broker's ACLs have their own tests; here the node protocol is under test. */
const OPEN_ACCESS: AccessDeps = {
  mode: 'open',
  servicePassword: 'unused',
  onboardingPassword: undefined,
  verifyNode: () => null,
  nodeNamespace: () => null,
};
const BOUND = 'hydro/gh-1/zn-1/nd-ph-1';

interface Message {
  topic: string;
  text: string;
  retain: boolean;
}

/** A minimal backend: the reference subscriptions, time responses, and a log of what it saw. */
class Backend {
  readonly inbox: Message[] = [];

  private constructor(readonly client: MqttClient) {}

  static async connect(url: string): Promise<Backend> {
    const client = await connectAsync(url, {
      clientId: 'it-backend',
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    const backend = new Backend(client);
    client.on('message', (topic, payload, packet) => {
      backend.inbox.push({ topic, text: payload.toString(), retain: packet.retain });
      if (topic === TIME_REQUEST_TOPIC) {
        const now = Math.floor(Date.now() / 1000);
        void client.publishAsync(TIME_RESPONSE_TOPIC, JSON.stringify(timeResponse(now)), {
          qos: 1,
        });
      }
    });
    await client.subscribeAsync([...BACKEND_SUBSCRIPTIONS], { qos: 1 });
    return backend;
  }

  json(topic: string): Record<string, unknown>[] {
    return this.inbox
      .filter((m) => m.topic === topic)
      .map((m) => JSON.parse(m.text) as Record<string, unknown>);
  }

  async waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async waitForJson(topic: string, match: (m: Record<string, unknown>) => boolean = () => true) {
    return this.waitFor(() => this.json(topic).find(match), topic);
  }

  async command(
    channel: string,
    cmd: string,
    params: Record<string, unknown>,
    cmdId: string,
    secret = SECRET,
  ) {
    const signed = buildSignedCommand(secret, {
      cmd,
      cmd_id: cmdId,
      params,
      ts: Math.floor(Date.now() / 1000),
    });
    await this.client.publishAsync(`${BOUND}/${channel}/command`, JSON.stringify(signed), {
      qos: 1,
    });
  }

  responses(channel: string, cmdId: string) {
    return this.json(`${BOUND}/${channel}/command_response`)
      .map((r) => CommandResponseSchema.parse(r))
      .filter((r) => r.cmd_id === cmdId);
  }

  async waitForStatuses(channel: string, cmdId: string, count: number) {
    await this.waitFor(
      () => (this.responses(channel, cmdId).length >= count ? true : undefined),
      `${count} responses to ${cmdId}`,
    );
    return this.responses(channel, cmdId);
  }
}

let broker: AedesBrokerHost;
let backend: Backend;
const nodes: SimulatedNode[] = [];

beforeEach(async () => {
  broker = new AedesBrokerHost({
    port: 0,
    bind: '127.0.0.1',
    access: OPEN_ACCESS,
    logger: silentLogger(),
  });
  await broker.start();
  backend = await Backend.connect(broker.url());
});

afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
  await backend.client.endAsync();
  await broker.stop();
});

async function startNode(options: Partial<SimulatedNodeOptions> = {}): Promise<SimulatedNode> {
  const node = createSimulatedNode({
    type: 'ph',
    mac: '78:e3:6d:dd:e4:68',
    brokerUrl: broker.url(),
    timing: { heartbeatMs: 200, reconnectMs: 200 },
    speed: 10,
    initial: { solution: 0.8, ph: 6.4, ec: 1.4 },
    ...options,
  });
  nodes.push(node);
  await node.start();
  return node;
}

async function bind(node: SimulatedNode): Promise<void> {
  const config = {
    node_id: 'nd-ph-1',
    version: 3,
    type: 'ph',
    gh_uid: 'gh-1',
    zone_uid: 'zn-1',
    channels: [],
    mqtt: { configured: true },
    wifi: { configured: true },
    node_secret: SECRET,
  };
  const temp = `hydro/gh-temp/zn-temp/${node.hardwareId}`;
  await backend.client.publishAsync(`${temp}/config`, JSON.stringify(config), { qos: 1 });
  await backend.waitForJson(`${BOUND}/config_report`);
  await backend.waitFor(
    () => (node.state().synced && node.state().connected ? true : undefined),
    'bound session',
  );
}

describe('simulated node over a real broker', () => {
  it('asks for the time, says hello in the temp namespace, reports, beats and goes ONLINE', async () => {
    const node = await startNode();
    const temp = 'hydro/gh-temp/zn-temp/esp32-78e36ddde468';
    expect(node.hardwareId).toBe('esp32-78e36ddde468');
    await backend.waitForJson(TIME_REQUEST_TOPIC);
    expect(await backend.waitForJson('hydro/node_hello')).toMatchObject({
      hardware_id: node.hardwareId,
      node_type: 'ph',
    });
    expect(await backend.waitForJson(`${temp}/config_report`)).toMatchObject({
      node_id: node.hardwareId,
      gh_uid: 'gh-temp',
    });
    await backend.waitFor(
      () => (backend.json(`${temp}/heartbeat`).length >= 2 ? true : undefined),
      'two heartbeats',
    );
    const status = await backend.waitFor(
      () => backend.inbox.find((m) => m.topic === `${temp}/status`),
      'status',
    );
    expect(JSON.parse(status.text)).toMatchObject({ status: 'ONLINE' });
    expect(await backend.waitForJson(`${temp}/ph_sensor/telemetry`)).toMatchObject({
      metric_type: 'PH',
    });
  });

  it('moves to the bound namespace after a NodeConfig and reports from there', async () => {
    const node = await startNode();
    await bind(node);
    expect(node.state().namespace).toEqual({ gh: 'gh-1', zone: 'zn-1', node: 'nd-ph-1' });
    expect(backend.json(`${BOUND}/config_report`)[0]).toMatchObject({
      node_id: 'nd-ph-1',
      node_secret: SECRET,
    });
    await backend.waitForJson(`${BOUND}/heartbeat`);
  });

  it('answers a signed dose with ACK then DONE in ms, a forged one with invalid_signature, a repeat from cache', async () => {
    const node = await startNode();
    await bind(node);
    await backend.command('system', 'activate_sensor_mode', {}, 'act-1');
    await backend.waitForStatuses('system', 'act-1', 1);

    await backend.command('pump_acid', 'dose', { ml: 0.3 }, 'dose-1');
    const [ack, done] = await backend.waitForStatuses('pump_acid', 'dose-1', 2);
    expect(ack).toMatchObject({
      status: 'ACK',
      details: { duration_ms: 200, ml: 0.3, queued: false },
    });
    expect(done).toMatchObject({ status: 'DONE', details: { current_valid: true } });
    expect(done?.ts).toBeGreaterThan(1e12);
    expect((done?.ts ?? 0) % 1000).toBe(0);

    await backend.command('pump_acid', 'dose', { ml: 0.3 }, 'forged', 'c'.repeat(64));
    const [forged] = await backend.waitForStatuses('pump_acid', 'forged', 1);
    expect(forged).toMatchObject({ status: 'ERROR', error_code: 'invalid_signature' });

    await backend.command('pump_acid', 'dose', { ml: 0.3 }, 'dose-1');
    const all = await backend.waitForStatuses('pump_acid', 'dose-1', 3);
    expect(all.map((r) => r.status)).toEqual(['ACK', 'DONE', 'DONE']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(node.state().commands).toMatchObject({ replayed: 1 });
    expect(node.state().device.dosed_ml).toEqual({ pump_acid: expect.closeTo(0.3, 5) as number });
  });

  it('leaves a retained LWT offline when its socket drops', async () => {
    const node = await startNode();
    await bind(node);
    node.goOffline();
    const watcher = await connectAsync(broker.url(), {
      clientId: 'it-watcher',
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      const lwt = new Promise<{ text: string; retain: boolean }>((resolve) =>
        watcher.on('message', (_topic, payload, packet) =>
          resolve({ text: payload.toString(), retain: packet.retain }),
        ),
      );
      await watcher.subscribeAsync(`${BOUND}/lwt`, { qos: 1 });
      expect(await lwt).toEqual({ text: 'offline', retain: true });
    } finally {
      await watcher.endAsync();
    }
    expect(node.state()).toMatchObject({ connected: false, offline: true });
  });
});
