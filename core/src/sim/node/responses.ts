import { wireTimestamp } from '../../protocol/timestamps.js';

/** Statuses the firmware emits; it never sends TIMEOUT (§4.9). */
export type ResponseStatus = 'ACK' | 'DONE' | 'ERROR' | 'INVALID' | 'BUSY' | 'NO_EFFECT';

export interface ResponseBody {
  readonly status: ResponseStatus;
  readonly details?: Record<string, unknown>;
  readonly error_code?: string;
  readonly error_message?: string;
}

export interface CommandResponsePayload extends ResponseBody {
  readonly cmd_id: string;
  /** Milliseconds, whole seconds like the firmware's `seconds * 1000`. */
  readonly ts: number;
}

/** Human texts for the codes the simulator emits; the machine code is what backends act on. */
const MESSAGES: Readonly<Record<string, string>> = {
  invalid_json: 'Command payload is not valid JSON',
  invalid_command_format: 'Command must carry cmd and cmd_id',
  invalid_params_format: 'params must be an object',
  invalid_hmac_format: 'ts and sig must both be present and well formed',
  hmac_required: 'Command must be signed',
  missing_node_secret: 'Node has no secret configured',
  time_not_synced: 'Node clock is not synchronised',
  timestamp_expired: 'Command timestamp is outside acceptable range',
  invalid_signature: 'Command signature does not match',
  command_already_failed: 'Command with this cmd_id already failed',
  safe_mode_active: 'Node is in safe mode',
  unknown_command: 'Unknown command',
  handler_error: 'Command handler failed',
};

export function done(details?: Record<string, unknown>): ResponseBody {
  return details ? { status: 'DONE', details } : { status: 'DONE' };
}

export function ack(details?: Record<string, unknown>): ResponseBody {
  return details ? { status: 'ACK', details } : { status: 'ACK' };
}

export function failure(
  code: string,
  message?: string,
  status: Exclude<ResponseStatus, 'ACK' | 'DONE'> = 'ERROR',
): ResponseBody {
  return { status, error_code: code, error_message: message ?? MESSAGES[code] ?? code };
}

export function responsePayload(
  cmdId: string,
  body: ResponseBody,
  nodeNowMs: number,
): CommandResponsePayload {
  return { cmd_id: cmdId, ...body, ts: wireTimestamp('command_response', nodeNowMs) };
}
