import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommandSchema, type CommandBody } from '../../../src/contracts/mqtt/command.js';
import { canonicalJson } from '../../../src/protocol/canonical-json.js';
import { ProtocolError } from '../../../src/protocol/errors.js';
import {
  buildSignedCommand,
  signCommand,
  verifyCommandSignature,
} from '../../../src/protocol/hmac.js';

interface Vector {
  name: string;
  secret?: string;
  command: CommandBody;
  canonical: string;
  sig: string;
}
const { secret, vectors } = JSON.parse(
  readFileSync(new URL('../../fixtures/hmac-vectors.json', import.meta.url), 'utf8'),
) as { secret: string; vectors: Vector[] };

const dose: CommandBody = { cmd: 'dose', cmd_id: 'cmd-592', params: { ml: 0.5 }, ts: 1737355113 };
const DOSE_SIG = 'cb586f6b142e6425f52142ddc085cbcede4dd064cd959f6bd99146a93ffb7058';

describe('command signing vectors', () => {
  it('starts with the two reference vectors of §7.5', () => {
    expect(vectors[0]).toMatchObject({ command: dose, sig: DOSE_SIG });
    expect(vectors[1]?.canonical).toBe(
      '{"cmd":"set_relay","cmd_id":"ae3-t12-z1-s3","params":{"stage":"solution_fill","state":true,"timeout_ms":600000},"ts":1737355200}',
    );
    expect(vectors[1]?.sig).toBe(
      '399c644ee4ab4e16247e1de11b937632c34ee737f7efb3af3a84d9e61994589a',
    );
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: canonical bytes and sig', (_name, v) => {
    const key = v.secret ?? secret;
    expect(canonicalJson(v.command)).toBe(v.canonical);
    expect(signCommand(key, v.command)).toBe(v.sig);
    expect(verifyCommandSignature(key, { ...v.command, sig: v.sig })).toBe(true);
  });

  it('uses the secret string as bytes: a hex secret is not decoded', () => {
    const decoded = Buffer.from(secret, 'hex').toString('latin1');
    expect(signCommand(decoded, dose)).not.toBe(DOSE_SIG);
  });
});

describe('verifyCommandSignature', () => {
  const signed = { ...dose, sig: DOSE_SIG };

  it('accepts upper-case hex, as the node does', () => {
    expect(verifyCommandSignature(secret, { ...signed, sig: DOSE_SIG.toUpperCase() })).toBe(true);
  });

  it('does not depend on the order keys arrive in', () => {
    const { sig, ts, params, cmd_id: cmdId, cmd } = signed;
    expect(verifyCommandSignature(secret, { sig, ts, params, cmd_id: cmdId, cmd })).toBe(true);
  });

  it.each([
    ['another secret', { secret: `${secret}x`, command: signed }],
    ['a changed param', { secret, command: { ...signed, params: { ml: 0.6 } } }],
    ['a changed ts', { secret, command: { ...signed, ts: dose.ts + 1 } }],
    // The node signs everything it received minus sig, so an extra key breaks the signature.
    ['an extra key', { secret, command: { ...signed, source: 'ui' } }],
    ['a missing sig', { secret, command: { ...dose } }],
    ['a short sig', { secret, command: { ...signed, sig: DOSE_SIG.slice(0, 63) } }],
    ['a non-hex sig', { secret, command: { ...signed, sig: `${DOSE_SIG.slice(0, 63)}g` } }],
    ['a sig that is not a string', { secret, command: { ...signed, sig: 42 } }],
    ['an uncanonicalisable payload', { secret, command: { ...signed, params: { s: '\u0000' } } }],
  ])('rejects %s', (_name, { secret: key, command }) => {
    expect(verifyCommandSignature(key, command)).toBe(false);
  });
});

describe('buildSignedCommand', () => {
  it('returns exactly the five wire keys, signed', () => {
    const command = buildSignedCommand(secret, dose);
    expect(Object.keys(command)).toEqual(['cmd', 'cmd_id', 'params', 'ts', 'sig']);
    expect(command.sig).toBe(DOSE_SIG);
    expect(CommandSchema.parse(command)).toEqual(command);
  });

  it('refuses a key beside the five rather than sign or drop it', () => {
    const body = { ...dose, source: 'ui' } as CommandBody;
    expect(() => buildSignedCommand(secret, body)).toThrow(ProtocolError);
  });

  it.each([
    ['a millisecond ts', { ...dose, ts: dose.ts * 1000 }],
    ['a cmd_id the node would refuse', { ...dose, cmd_id: 'x'.repeat(64) }],
    ['params that are not an object', { ...dose, params: [] as unknown as Record<string, never> }],
  ])('refuses %s', (_name, body) => {
    expect(() => buildSignedCommand(secret, body)).toThrow(
      expect.objectContaining({ code: 'invalid_command' }),
    );
  });

  it('refuses to sign without a secret', () => {
    expect(() => buildSignedCommand('', dose)).toThrow(
      expect.objectContaining({ code: 'missing_node_secret' }),
    );
  });
});
