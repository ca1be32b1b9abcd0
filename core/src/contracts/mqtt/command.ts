import { z } from 'zod';
import { NodeCommandStatusSchema } from './enums.js';
import { CMD_NAME_MAX_LENGTH, CmdIdSchema, UnixSecondsSchema } from './identifiers.js';

export const CommandNameSchema = z
  .string()
  .max(CMD_NAME_MAX_LENGTH)
  .regex(/^[a-z][a-z0-9_]*$/, 'snake_case command name');

/** Command parameters: always a JSON object, possibly empty (`ERROR invalid_params_format`). */
export const CommandParamsSchema = z.record(z.string(), z.unknown());
export type CommandParams = z.infer<typeof CommandParamsSchema>;

/** The signed part of a command: every field except `sig` (§7.5). */
export const CommandBodySchema = z.strictObject({
  cmd: CommandNameSchema,
  cmd_id: CmdIdSchema,
  params: CommandParamsSchema,
  /** Server time in seconds; the node rejects more than 10 s of skew. */
  ts: UnixSecondsSchema,
});
export type CommandBody = z.infer<typeof CommandBodySchema>;

/**
 * `.../{channel}/command` exactly as Hydro publishes it (§4.8): these five keys and no others,
 * because the node signs whatever object it receives minus `sig`.
 */
export const CommandSchema = z.strictObject({
  ...CommandBodySchema.shape,
  sig: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex HMAC-SHA256'),
});
export type Command = z.infer<typeof CommandSchema>;

/**
 * `.../{channel}/command_response` (§4.9). Only the canonical uppercase statuses are accepted
 * (no `ACCEPTED`, `FAILED` or lowercase forms); `ts` is in milliseconds; `details` must be an
 * object when present. Other keys are tolerated.
 */
export const CommandResponseSchema = z.looseObject({
  cmd_id: z.string().min(1),
  status: NodeCommandStatusSchema,
  ts: z.number(),
  details: z.record(z.string(), z.unknown()).optional(),
  error_code: z.string().max(100).optional(),
  error_message: z.string().max(512).optional(),
  /** Fallback for `error_message`. */
  message: z.string().max(512).optional(),
});
export type CommandResponse = z.infer<typeof CommandResponseSchema>;
