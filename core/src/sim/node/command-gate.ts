import { NODE_MAX_PAYLOAD_BYTES } from '../../contracts/mqtt/node-config.js';
import { verifyCommandSignature } from '../../protocol/hmac.js';
import { decodeJsonObject } from '../../protocol/payload.js';
import { isCommandTimestampFresh } from '../../protocol/timestamps.js';
import { failure, type ResponseBody } from './responses.js';

/** Firmware buffers: `cmd_id` ≥ 64 and `cmd` ≥ 32 characters are refused (§2, §12). */
const CMD_ID_LIMIT = 64;
const CMD_NAME_LIMIT = 32;
const SIG_HEX_LENGTH = 64;

export interface GateContext {
  readonly secret: string | undefined;
  readonly synced: boolean;
  readonly nodeNowMs: number;
}

export interface AcceptedCommand {
  readonly cmdId: string;
  readonly cmd: string;
  readonly params: Record<string, unknown>;
}

export type GateResult =
  | { readonly kind: 'drop'; readonly reason: string }
  | { readonly kind: 'reject'; readonly cmdId: string; readonly response: ResponseBody }
  | { readonly kind: 'accept'; readonly command: AcceptedCommand };

const CMD_ID_IN_TEXT = /"cmd_id"\s*:\s*"([^"\\]+)"/;
const lenient = new TextDecoder('utf-8');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Steps 1–9 of `node_command_handler.c` (§7.3), in order: size, JSON, format, HMAC shape,
 * secret, time sync, replay window, signature. Pure; dedupe, SAFE_MODE and dispatch follow in
 * the processor. None of these failures is remembered, so a corrected re-send is processed.
 */
export function gateCommand(payload: Uint8Array, ctx: GateContext): GateResult {
  if (payload.byteLength > NODE_MAX_PAYLOAD_BYTES) return { kind: 'drop', reason: 'oversized' };
  const decoded = decodeJsonObject(payload, NODE_MAX_PAYLOAD_BYTES);
  if (!decoded.ok) {
    // The firmware still answers when it can fish a cmd_id out of the broken text.
    const match = CMD_ID_IN_TEXT.exec(lenient.decode(payload));
    return match?.[1] === undefined
      ? { kind: 'drop', reason: 'invalid_json' }
      : {
          kind: 'reject',
          cmdId: match[1],
          response: failure('invalid_json', undefined, 'INVALID'),
        };
  }
  const body = decoded.value;
  const { cmd_id: cmdId, cmd } = body;
  if (typeof cmdId !== 'string' || cmdId === '') return { kind: 'drop', reason: 'no_cmd_id' };
  const reject = (code: string): GateResult => ({ kind: 'reject', cmdId, response: failure(code) });
  if (
    cmdId.length >= CMD_ID_LIMIT ||
    typeof cmd !== 'string' ||
    cmd === '' ||
    cmd.length >= CMD_NAME_LIMIT
  ) {
    return reject('invalid_command_format');
  }
  if (body.params !== undefined && !isPlainObject(body.params))
    return reject('invalid_params_format');
  const hasTs = 'ts' in body;
  const hasSig = 'sig' in body;
  if (hasTs !== hasSig) return reject('invalid_hmac_format');
  if (!hasTs) return reject('hmac_required');
  const { ts, sig } = body;
  if (typeof ts !== 'number' || typeof sig !== 'string') return reject('invalid_hmac_format');
  if (ctx.secret === undefined || ctx.secret === '') return reject('missing_node_secret');
  if (sig.length !== SIG_HEX_LENGTH) return reject('invalid_hmac_format');
  if (!ctx.synced && cmd !== 'set_time') return reject('time_not_synced');
  // An unsynced clock cannot judge freshness; set_time is the way out of that state.
  if (ctx.synced && !isCommandTimestampFresh(ts, ctx.nodeNowMs)) return reject('timestamp_expired');
  if (!verifyCommandSignature(ctx.secret, body)) return reject('invalid_signature');
  const params = isPlainObject(body.params) ? body.params : {};
  return { kind: 'accept', command: { cmdId, cmd, params } };
}
