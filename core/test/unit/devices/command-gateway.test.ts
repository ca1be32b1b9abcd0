import { describe, expect, it } from 'vitest';
import { CommandGateway } from '../../../src/devices/command-gateway.js';
import { verifyCommandSignature } from '../../../src/protocol/hmac.js';
import { devicesFixture, message, seedBoundNode } from '../../helpers/devices-fixture.js';

const NS = 'hydro/gh-1/zn-1/nd-ph-aabbccddee01';

async function setup() {
  const f = devicesFixture();
  const { node } = await seedBoundNode(f.ctx, f.clock);
  const gateway = new CommandGateway(f.ctx);
  const respond = (cmdId: string, status: string, extra: Record<string, unknown> = {}) =>
    gateway.handleResponse(
      message(`${NS}/pump_acid/command_response`, {
        cmd_id: cmdId,
        status,
        ts: f.clock.now(),
        ...extra,
      }),
    );
  const dose = (cmdId?: string, ml = 0.5) =>
    gateway.send({
      nodeId: node.id,
      channel: 'pump_acid',
      cmd: 'dose',
      params: { ml },
      source: 'test',
      ...(cmdId ? { cmdId } : {}),
    });
  return { ...f, node, gateway, respond, dose };
}

describe('CommandGateway', () => {
  it('stores, signs with the node secret and publishes exactly the five keys', async () => {
    const t = await setup();
    const { command } = await t.dose('cmd-1');
    expect(command.status).toBe('SENT');
    expect(t.published).toHaveLength(1);
    expect(t.published[0]!.topic).toBe(`${NS}/pump_acid/command`);
    const wire = JSON.parse(t.published[0]!.payload) as Record<string, unknown>;
    expect(Object.keys(wire).sort()).toEqual(['cmd', 'cmd_id', 'params', 'sig', 'ts']);
    expect(wire.ts).toBe(Math.floor(t.clock.now() / 1000));
    expect(verifyCommandSignature(t.node.nodeSecret, wire)).toBe(true);
  });

  it('moves ACK → DONE and ignores anything after the first terminal status', async () => {
    const t = await setup();
    await t.dose('cmd-2');
    await t.respond('cmd-2', 'ACK');
    expect((await t.storage.commands.byCmdId('cmd-2'))!.status).toBe('ACK');
    await t.respond('cmd-2', 'DONE', { details: { current_ma: 200 } });
    await t.respond('cmd-2', 'DONE');
    await t.respond('cmd-2', 'ERROR', { error_code: 'late' });
    await t.respond('cmd-2', 'ACK');
    const final = (await t.storage.commands.byCmdId('cmd-2'))!;
    expect(final).toMatchObject({ status: 'DONE', errorCode: null, details: { current_ma: 200 } });
  });

  it.each(['ERROR', 'INVALID', 'BUSY', 'NO_EFFECT'])(
    'keeps %s as the terminal status with its error',
    async (status) => {
      const t = await setup();
      await t.dose('cmd-3');
      await t.respond('cmd-3', status, { error_code: 'pump_busy', error_message: 'busy' });
      expect(await t.gateway.awaitTerminal('cmd-3')).toMatchObject({
        status,
        errorCode: 'pump_busy',
        errorMessage: 'busy',
      });
    },
  );

  it('handles a response that arrives before the command is marked SENT', async () => {
    const t = await setup();
    t.setOnPublish(async (p) => {
      const cmdId = (JSON.parse(p.payload) as { cmd_id: string }).cmd_id;
      await t.respond(cmdId, 'ACK');
      await t.respond(cmdId, 'DONE');
    });
    const { command } = await t.dose('cmd-4');
    expect(command.status).toBe('DONE');
    expect((await t.storage.commands.byCmdId('cmd-4'))!.sentAt).toBeNull();
  });

  it('times out a command without a terminal response after its deadline', async () => {
    const t = await setup();
    await t.dose('cmd-5');
    await t.respond('cmd-5', 'ACK');
    t.clock.advance(5 * 60_000 - 1);
    await t.gateway.sweepTimeouts();
    expect((await t.storage.commands.byCmdId('cmd-5'))!.status).toBe('ACK');
    t.clock.advance(1);
    await t.gateway.sweepTimeouts();
    expect(await t.storage.commands.byCmdId('cmd-5')).toMatchObject({
      status: 'TIMEOUT',
      errorCode: 'command_timeout',
    });
    await t.respond('cmd-5', 'DONE');
    expect((await t.storage.commands.byCmdId('cmd-5'))!.status).toBe('TIMEOUT');
  });

  it('is idempotent by cmd_id: same payload skipped, different payload refused', async () => {
    const t = await setup();
    await t.dose('cmd-6');
    const again = await t.dose('cmd-6');
    expect(again.skipped).toBe(true);
    expect(t.published).toHaveLength(1);
    await expect(t.dose('cmd-6', 1.5)).rejects.toMatchObject({ code: 'cmd_id_conflict' });
  });

  it('retries a failed publish, then marks SEND_FAILED after three attempts', async () => {
    const t = await setup();
    t.failNextPublishes(1);
    const retried = t.dose('cmd-7');
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    t.clock.advance(500);
    expect((await retried).command).toMatchObject({ status: 'SENT', attempts: 2 });

    t.failNextPublishes(3);
    const failing = t.dose('cmd-8');
    for (const delay of [500, 1000]) {
      await new Promise((r) => setImmediate(r));
      t.clock.advance(delay);
    }
    expect((await failing).command).toMatchObject({
      status: 'SEND_FAILED',
      errorCode: 'send_failed',
    });
  });

  it('refuses commands beyond the transport caps and to unbound nodes, publishing nothing', async () => {
    const t = await setup();
    await expect(t.dose(undefined, 600)).rejects.toMatchObject({ code: 'invalid_params' });
    await t.storage.nodes.update(t.node.id, { zoneId: null });
    await expect(t.dose()).rejects.toMatchObject({ code: 'node_not_bound' });
    expect(t.published).toHaveLength(0);
  });

  it('keeps a response for an unknown cmd_id as a device row', async () => {
    const t = await setup();
    await t.respond('node-made-42', 'DONE');
    expect(await t.storage.commands.byCmdId('node-made-42')).toMatchObject({
      source: 'device',
      cmd: 'unknown',
      details: { reported_status: 'DONE' },
    });
  });

  it('drops malformed responses and those from another namespace, counting them', async () => {
    const t = await setup();
    await t.dose('cmd-9');
    await t.gateway.handleResponse(message(`${NS}/pump_acid/command_response`, '{"cmd_id":'));
    await t.gateway.handleResponse(
      message(`${NS}/pump_acid/command_response`, { cmd_id: 'cmd-9', status: 'done', ts: 1 }),
    );
    await t.gateway.handleResponse(
      message(`hydro/gh-1/zn-9/nd-ph-aabbccddee01/pump_acid/command_response`, {
        cmd_id: 'cmd-9',
        status: 'DONE',
        ts: 1,
      }),
    );
    expect((await t.storage.commands.byCmdId('cmd-9'))!.status).toBe('SENT');
    expect(t.ctx.drops.snapshot().byReason).toEqual({
      'command_response:invalid_json': 1,
      'command_response:schema': 1,
      'command_response:namespace_mismatch': 1,
    });
  });
});
