import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandView } from '../../src/contracts/devices.js';
import { createSimulatedNode, type SimulatedNode } from '../../src/sim/index.js';
import type { ZoneRecord } from '../../src/storage/types.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let zone: ZoneRecord;
let sim: SimulatedNode;

beforeEach(async () => {
  // Default access mode: the simulated node must earn its credentials through the bind.
  h = await startCore();
  const gh = await h.core.storage.greenhouses.create(
    { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
    Date.now(),
  );
  zone = await h.core.storage.zones.create(
    { greenhouseId: gh.id, uid: 'zn-1', name: 'Z' },
    Date.now(),
  );
  sim = createSimulatedNode({
    type: 'ph',
    mac: 'a1b2c3d4e5f6',
    brokerUrl: h.urls.mqtt,
    seed: 7,
    speed: 10,
    timing: { bootMs: 0 },
  });
});
afterEach(async () => {
  await sim.stop();
  await h.stop();
});

const record = () => h.core.storage.nodes.byHardwareId('esp32-a1b2c3d4e5f6');

async function bind() {
  await sim.start();
  await expect.poll(async () => (await record())?.status, { timeout: 10_000 }).toBe('online');
  const node = (await record())!;
  expect(node).toMatchObject({ zoneId: null, lifecycleState: 'REGISTERED_BACKEND' });
  expect(await h.core.storage.telemetry.latest(node.id, 1)).toEqual([]);
  const res = await h.api('PATCH', `/api/nodes/${node.id}`, { zone_id: zone.id });
  expect(res.status).toBe(200);
  await expect.poll(async () => (await record())?.zoneId, { timeout: 15_000 }).toBe(zone.id);
  expect(sim.state().bound).toBe(true);
  return (await record())!;
}

async function command(
  nodeId: number,
  cmd: string,
  channel: string,
  params: Record<string, unknown> = {},
) {
  const res = await h.api<{ data: { command: CommandView } }>(
    'POST',
    `/api/nodes/${nodeId}/commands`,
    { cmd, channel, params },
  );
  expect(res.status).toBe(202);
  return h.core.devices.commands.awaitTerminal(res.body.data.command.cmd_id);
}

describe('simulated nodes against the real core', () => {
  it('an unbound node appears, is assigned, confirms, and only then has its telemetry stored', async () => {
    const node = await bind();
    await expect
      .poll(async () => (await h.core.storage.telemetry.latest(node.id, 5)).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    const channels = (await h.core.storage.nodes.channels(node.id)).map((c) => c.channel);
    expect(channels).toContain('ph_sensor');
  });

  it('a command goes ACK → DONE, and forced node answers end in the same terminal status', async () => {
    const node = await bind();
    expect((await command(node.id, 'activate_sensor_mode', 'system')).status).toBe('DONE');
    const dose = await command(node.id, 'dose', 'pump_acid', { ml: 0.3 });
    expect(dose).toMatchObject({ status: 'DONE' });
    expect(dose.ackAt).not.toBeNull();
    for (const status of ['ERROR', 'INVALID', 'BUSY', 'NO_EFFECT'] as const) {
      sim.setFaults({ forcedResponses: { test_sensor: { status, error_code: 'forced' } } });
      expect(await command(node.id, 'test_sensor', 'ph_sensor')).toMatchObject({
        status,
        errorCode: 'forced',
      });
    }
  });

  it('a duplicated DONE stays DONE', async () => {
    const node = await bind();
    sim.setFaults({ duplicateResponses: true });
    expect((await command(node.id, 'test_sensor', 'ph_sensor')).status).toBe('DONE');
    await new Promise((r) => setTimeout(r, 300));
    const history = await h.core.storage.commands.listForNode(node.id, 10);
    expect(history.map((c) => c.status)).toEqual(['DONE']);
  });

  it('a silent node leaves its command to time out', async () => {
    const node = await bind();
    sim.setFaults({ ignoreCommands: true });
    const { command: sent } = await h.core.devices.commands.send({
      nodeId: node.id,
      channel: 'ph_sensor',
      cmd: 'test_sensor',
      params: {},
      source: 'test',
      timeoutMs: 300,
    });
    await new Promise((r) => setTimeout(r, 400));
    await h.core.devices.commands.sweepTimeouts();
    expect(await h.core.storage.commands.byCmdId(sent.cmdId)).toMatchObject({
      status: 'TIMEOUT',
      errorCode: 'command_timeout',
    });
  });

  it('a dropped socket marks the node offline through its LWT', async () => {
    const node = await bind();
    await expect
      .poll(async () => (await h.core.storage.nodes.byId(node.id))!.status, { timeout: 20_000 })
      .toBe('online');
    sim.goOffline();
    await expect
      .poll(async () => (await h.core.storage.nodes.byId(node.id))!.status, { timeout: 10_000 })
      .toBe('offline');
  });
});
