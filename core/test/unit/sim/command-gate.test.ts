import { describe, expect, it } from 'vitest';
import { buildSignedCommand } from '../../../src/protocol/hmac.js';
import {
  gateCommand,
  type GateContext,
  type GateResult,
} from '../../../src/sim/node/command-gate.js';
import { SECRET, encode } from './support/node-harness.js';

const NOW_S = 1_772_366_400;
const synced: GateContext = { secret: SECRET, synced: true, nodeNowMs: NOW_S * 1000 };

function signed(
  overrides: Partial<{
    cmd: string;
    cmd_id: string;
    params: Record<string, unknown>;
    ts: number;
  }> = {},
) {
  return buildSignedCommand(SECRET, {
    cmd: 'dose',
    cmd_id: 'c-1',
    params: { ml: 0.5 },
    ts: NOW_S,
    ...overrides,
  });
}

function code(result: GateResult): string | undefined {
  return result.kind === 'reject' ? result.response.error_code : result.kind;
}

describe('command gate (§7.3 steps 1–9)', () => {
  it('accepts a correctly signed command inside the window', () => {
    const result = gateCommand(encode(signed()), synced);
    expect(result).toEqual({
      kind: 'accept',
      command: { cmdId: 'c-1', cmd: 'dose', params: { ml: 0.5 } },
    });
  });

  it('1: drops payloads over 4096 bytes silently, even with a cmd_id', () => {
    const big = { ...signed(), pad: 'x'.repeat(4096) };
    expect(gateCommand(encode(big), synced)).toEqual({ kind: 'drop', reason: 'oversized' });
  });

  it('2: answers INVALID invalid_json when a cmd_id can be fished out, else stays silent', () => {
    const withId = gateCommand(encode('{"cmd_id":"broken-1","cmd":"dose",'), synced);
    expect(withId).toMatchObject({
      kind: 'reject',
      cmdId: 'broken-1',
      response: { status: 'INVALID', error_code: 'invalid_json' },
    });
    expect(gateCommand(encode('not json'), synced).kind).toBe('drop');
    expect(gateCommand(encode('[1,2]'), synced).kind).toBe('drop');
  });

  it('3: rejects missing or over-long cmd / cmd_id, and is silent without a cmd_id to echo', () => {
    const { cmd: _cmd, ...noCmd } = signed();
    expect(code(gateCommand(encode(noCmd), synced))).toBe('invalid_command_format');
    expect(code(gateCommand(encode({ ...signed(), cmd: '' }), synced))).toBe(
      'invalid_command_format',
    );
    expect(code(gateCommand(encode({ ...signed(), cmd: 'x'.repeat(32) }), synced))).toBe(
      'invalid_command_format',
    );
    expect(code(gateCommand(encode({ ...signed(), cmd_id: 'a'.repeat(64) }), synced))).toBe(
      'invalid_command_format',
    );
    const { cmd_id: _id, ...noId } = signed();
    expect(gateCommand(encode(noId), synced).kind).toBe('drop');
  });

  it('3: rejects non-object params with invalid_params_format', () => {
    expect(code(gateCommand(encode({ ...signed(), params: [1] }), synced))).toBe(
      'invalid_params_format',
    );
    expect(code(gateCommand(encode({ ...signed(), params: 'x' }), synced))).toBe(
      'invalid_params_format',
    );
  });

  it('4–6: checks the HMAC fields in firmware order', () => {
    const { sig, ts, ...bare } = signed();
    expect(code(gateCommand(encode({ ...bare, ts }), synced))).toBe('invalid_hmac_format');
    expect(code(gateCommand(encode({ ...bare, sig }), synced))).toBe('invalid_hmac_format');
    expect(code(gateCommand(encode(bare), synced))).toBe('hmac_required');
    expect(code(gateCommand(encode({ ...bare, ts: String(ts), sig }), synced))).toBe(
      'invalid_hmac_format',
    );
    expect(code(gateCommand(encode(signed()), { ...synced, secret: undefined }))).toBe(
      'missing_node_secret',
    );
    expect(code(gateCommand(encode({ ...bare, ts, sig: 'ab' }), synced))).toBe(
      'invalid_hmac_format',
    );
    // The secret is looked at before the signature length.
    expect(
      code(gateCommand(encode({ ...bare, ts, sig: 'ab' }), { ...synced, secret: undefined })),
    ).toBe('missing_node_secret');
  });

  it('7: refuses everything but set_time before time sync', () => {
    const unsynced: GateContext = { secret: SECRET, synced: false, nodeNowMs: 5000 };
    expect(code(gateCommand(encode(signed()), unsynced))).toBe('time_not_synced');
    const setTime = signed({ cmd: 'set_time', params: { unix_ts: NOW_S } });
    expect(gateCommand(encode(setTime), unsynced).kind).toBe('accept');
    // set_time is still authenticated.
    expect(code(gateCommand(encode({ ...setTime, sig: '0'.repeat(64) }), unsynced))).toBe(
      'invalid_signature',
    );
  });

  it('8: allows ±10 s of skew and refuses more, before looking at the signature', () => {
    expect(gateCommand(encode(signed({ ts: NOW_S - 10 })), synced).kind).toBe('accept');
    expect(gateCommand(encode(signed({ ts: NOW_S + 10 })), synced).kind).toBe('accept');
    expect(code(gateCommand(encode(signed({ ts: NOW_S - 11 })), synced))).toBe('timestamp_expired');
    const staleAndForged = { ...signed({ ts: NOW_S + 11 }), sig: 'f'.repeat(64) };
    expect(code(gateCommand(encode(staleAndForged), synced))).toBe('timestamp_expired');
  });

  it('9: refuses a wrong signature, and one over keys added after signing', () => {
    expect(code(gateCommand(encode({ ...signed(), sig: 'f'.repeat(64) }), synced))).toBe(
      'invalid_signature',
    );
    expect(code(gateCommand(encode({ ...signed(), extra: 1 }), synced))).toBe('invalid_signature');
    expect(code(gateCommand(encode(signed()), { ...synced, secret: 'another' }))).toBe(
      'invalid_signature',
    );
  });

  it('compares the signature case-insensitively', () => {
    const command = signed();
    expect(gateCommand(encode({ ...command, sig: command.sig.toUpperCase() }), synced).kind).toBe(
      'accept',
    );
  });
});
