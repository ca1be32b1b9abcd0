import { HydroError } from '../runtime/errors.js';

export type ProtocolErrorCode =
  | 'invalid_topic'
  | 'invalid_identifier'
  | 'not_canonicalizable'
  | 'invalid_command'
  | 'missing_node_secret';

/**
 * Hydro was about to put something on the wire that breaks the node protocol: a bad topic
 * segment, a value the firmware cannot canonicalise, an unsignable command. A programming or
 * input error, never a transport one.
 */
export class ProtocolError extends HydroError {
  constructor(code: ProtocolErrorCode, message: string) {
    super(code, message);
  }
}
