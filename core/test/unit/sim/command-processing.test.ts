import { describe, expect, it } from 'vitest';
import { CommandResponseSchema } from '../../../src/contracts/mqtt/command.js';
import { buildSignedCommand } from '../../../src/protocol/hmac.js';
import { DEDUPE_CAPACITY } from '../../../src/sim/node/dedupe-cache.js';
import { HARDWARE_ID, NodeHarness, SECRET, encode } from './support/node-harness.js';

describe('command responses', () => {
  it('answers on the command channel of the current namespace with ts in whole milliseconds', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.clock.advance(700);
    const id = h.command('fill_valve', 'set_relay', { state: true });
    const [published] = h.on('/command_response');
    expect(published?.topic).toBe('hydro/gh-1/zn-1/nd-x-1/fill_valve/command_response');
    const response = CommandResponseSchema.parse(published?.payload);
    expect(response).toMatchObject({ cmd_id: id, status: 'DONE' });
    expect(response.ts % 1000).toBe(0);
    expect(response.ts).toBe(h.unixS() * 1000);
  });

  it('answers a command sent on the temp topic in the bound namespace', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    const command = buildSignedCommand(SECRET, {
      cmd: 'toggle',
      cmd_id: 't-1',
      params: {},
      ts: h.unixS(),
    });
    h.runtime.handleMessage(
      `hydro/gh-temp/zn-temp/${HARDWARE_ID}/drain_valve/command`,
      encode(command),
    );
    expect(h.on('/command_response')[0]?.topic).toBe(
      'hydro/gh-1/zn-1/nd-x-1/drain_valve/command_response',
    );
  });

  it('ignores commands for other nodes', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    const command = buildSignedCommand(SECRET, {
      cmd: 'toggle',
      cmd_id: 't-1',
      params: {},
      ts: h.unixS(),
    });
    h.runtime.handleMessage('hydro/gh-1/zn-1/nd-other/drain_valve/command', encode(command));
    expect(h.responses()).toEqual([]);
  });

  it('answers unknown and unregistered commands with ERROR unknown_command', () => {
    const h = NodeHarness.ready({ type: 'light' });
    expect(h.last(h.command('system', 'self_destruct'))).toMatchObject({
      status: 'ERROR',
      error_code: 'unknown_command',
    });
    // set_relay exists in the catalogue but light_node does not register it.
    expect(h.last(h.command('light', 'set_relay', { state: true }))).toMatchObject({
      error_code: 'unknown_command',
    });
  });

  it('publishes config_report for report_config and its aliases', () => {
    const h = NodeHarness.ready({ type: 'climate' });
    for (const cmd of ['report_config', 'config_report', 'get_config', 'sync_config']) {
      expect(h.last(h.command('system', cmd))).toMatchObject({
        status: 'DONE',
        details: { note: 'config_report_published' },
      });
    }
    expect(h.on('/config_report')).toHaveLength(4);
  });
});

describe('cmd_id dedupe (§7.3 step 10)', () => {
  it('replays DONE for a repeated cmd_id without executing it again', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'toggle', {}, 'same');
    h.command('fill_valve', 'toggle', {}, 'same');
    expect(h.statuses('same')).toEqual(['DONE', 'DONE']);
    expect(h.runtime.state().actuators.fill_valve).toBe(true);
    expect(h.runtime.state().commands).toMatchObject({ executed: 1, replayed: 1 });
  });

  it('ignores the channel: the same cmd_id on another channel is a duplicate', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'toggle', {}, 'x');
    h.command('drain_valve', 'toggle', {}, 'x');
    expect(h.runtime.state().actuators.drain_valve).toBeUndefined();
  });

  it('replays ACK while the command is still running', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'set_relay', { state: true, duration_ms: 2000 }, 'p');
    h.command('fill_valve', 'set_relay', { state: true, duration_ms: 2000 }, 'p');
    expect(h.statuses('p')).toEqual(['ACK', 'ACK']);
    h.clock.advance(2000);
    h.command('fill_valve', 'set_relay', { state: true, duration_ms: 2000 }, 'p');
    expect(h.statuses('p')).toEqual(['ACK', 'ACK', 'DONE', 'DONE']);
  });

  it('answers a repeated failed cmd_id with command_already_failed', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('nope', 'set_relay', { state: true }, 'f');
    h.command('nope', 'set_relay', { state: true }, 'f');
    expect(h.responses('f').map((r) => r.error_code)).toEqual([
      'relay_channel_not_found',
      'command_already_failed',
    ]);
  });

  it('does not remember gate failures, so a corrected re-send runs', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    const good = buildSignedCommand(SECRET, {
      cmd: 'toggle',
      cmd_id: 'fix',
      params: {},
      ts: h.unixS(),
    });
    h.raw('fill_valve', { ...good, sig: '0'.repeat(64) });
    h.raw('fill_valve', good);
    expect(h.responses('fix').map((r) => r.error_code ?? r.status)).toEqual([
      'invalid_signature',
      'DONE',
    ]);
  });

  it('keeps 128 ids and forgets them after 5 minutes', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    for (let i = 0; i <= DEDUPE_CAPACITY; i += 1)
      h.command('fill_valve', 'set_relay', { state: false }, `id-${i}`);
    expect(h.runtime.processor.dedupe.size).toBe(DEDUPE_CAPACITY);
    h.clear();
    h.command('fill_valve', 'toggle', {}, 'id-0');
    expect(h.runtime.state().actuators.fill_valve).toBe(true);
    h.command('fill_valve', 'set_relay', { state: false }, 'id-128');
    expect(h.runtime.state().commands.replayed).toBe(1);
    h.clock.advance(5 * 60_000 + 1);
    h.command('fill_valve', 'toggle', {}, 'id-0');
    expect(h.runtime.state().actuators.fill_valve).toBe(false);
  });

  it('forgets everything on reboot', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'toggle', {}, 'before');
    h.runtime.powerOff();
    expect(h.runtime.processor.dedupe.size).toBe(0);
  });
});

describe('SAFE_MODE (§7.3 step 11)', () => {
  it('stops outputs, refuses commands until exit_safe_mode, and says so on status', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'set_relay', { state: true });
    h.runtime.enterSafeMode('brownout');
    expect(h.runtime.state().actuators.fill_valve).toBe(false);
    const status = h.on('/status').at(-1);
    expect(status).toMatchObject({
      retain: true,
      payload: { state: 'safe_mode', reason: 'brownout' },
    });
    expect(h.last(h.command('fill_valve', 'toggle'))).toMatchObject({
      status: 'ERROR',
      error_code: 'safe_mode_active',
    });
    expect(h.last(h.command('system', 'exit_safe_mode'))).toMatchObject({
      status: 'DONE',
      details: { note: 'safe_mode_exited' },
    });
    expect(h.on('/status').at(-1)?.payload.status).toBe('ONLINE');
    expect(h.last(h.command('fill_valve', 'toggle'))).toMatchObject({ status: 'DONE' });
  });
});

describe('response faults', () => {
  it('drops responses but still executes', () => {
    const h = NodeHarness.ready({ type: 'relay', faults: { dropResponses: 1 } });
    h.command('fill_valve', 'toggle');
    expect(h.responses()).toEqual([]);
    expect(h.runtime.state().actuators.fill_valve).toBe(true);
  });

  it('delays and duplicates responses', () => {
    const h = NodeHarness.ready({
      type: 'relay',
      faults: { delayResponsesMs: 3000, duplicateResponses: true },
    });
    const id = h.command('fill_valve', 'toggle');
    expect(h.responses(id)).toEqual([]);
    h.clock.advance(3000);
    expect(h.statuses(id)).toEqual(['DONE', 'DONE']);
  });

  it('can neither execute nor answer', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.runtime.setFaults({ ignoreCommands: true });
    h.command('fill_valve', 'toggle');
    expect(h.responses()).toEqual([]);
    expect(h.runtime.state().actuators.fill_valve).toBeUndefined();
  });

  it('answers a chosen command with a forced status instead of executing it', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.runtime.setFaults({
      forcedResponses: { toggle: { status: 'BUSY', error_code: 'actuator_busy' } },
    });
    expect(h.last(h.command('fill_valve', 'toggle'))).toMatchObject({
      status: 'BUSY',
      error_code: 'actuator_busy',
    });
    expect(h.runtime.state().actuators.fill_valve).toBeUndefined();
    h.runtime.resetFaults();
    expect(h.last(h.command('fill_valve', 'toggle'))).toMatchObject({ status: 'DONE' });
  });
});
