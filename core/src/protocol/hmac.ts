import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CommandBodySchema, type Command, type CommandBody } from '../contracts/mqtt/command.js';
import { canonicalJson } from './canonical-json.js';
import { ProtocolError } from './errors.js';

const SIGNATURE_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * The key is the UTF-8 bytes of the secret string itself: a 64-hex-char secret is NOT
 * hex-decoded, the node feeds the ASCII characters to mbedTLS (§4.6, §7.5).
 */
function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex');
}

/** `lower_hex(HMAC-SHA256(secret, canonical_json({cmd, cmd_id, params, ts})))`. */
export function signCommand(secret: string, body: CommandBody): string {
  const { cmd, cmd_id: cmdId, params, ts } = body;
  return hmacHex(secret, canonicalJson({ cmd, cmd_id: cmdId, params, ts }));
}

/**
 * Checks `sig` the way the node does: over the received object minus `sig`, extra keys included,
 * hex compared case-insensitively, in constant time. A missing or malformed `sig`, or a payload
 * the node could not canonicalise, is simply not valid.
 */
export function verifyCommandSignature(secret: string, command: Record<string, unknown>): boolean {
  const { sig, ...signed } = command;
  if (typeof sig !== 'string' || !SIGNATURE_PATTERN.test(sig)) return false;
  let expected: string;
  try {
    expected = hmacHex(secret, canonicalJson(signed));
  } catch (error) {
    if (error instanceof ProtocolError) return false;
    throw error;
  }
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sig, 'hex'));
}

/**
 * The command to publish: exactly the five wire keys (§4.8). Anything added after signing would
 * be part of what the node canonicalises and break the signature, so nothing else is allowed.
 */
export function buildSignedCommand(secret: string, body: CommandBody): Command {
  if (secret === '') throw new ProtocolError('missing_node_secret', 'the node has no secret');
  const parsed = CommandBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new ProtocolError('invalid_command', z.prettifyError(parsed.error));
  }
  const { cmd, cmd_id: cmdId, params, ts } = parsed.data;
  return { cmd, cmd_id: cmdId, params, ts, sig: signCommand(secret, parsed.data) };
}
