import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Principal } from '../contracts/auth.js';
import { can, type Capability } from '../contracts/capabilities.js';
import { HydroError } from '../runtime/errors.js';
import { resolvePrincipal, type AuthSecrets } from './auth.js';
import { sendError } from './envelope.js';

/** HTTP status for each domain error code a route may surface. */
const STATUS_BY_CODE: Record<string, number> = {
  node_not_found: 404,
  zone_not_found: 404,
  command_not_found: 404,
  node_offline: 409,
  node_not_bound: 409,
  node_decommissioned: 409,
  cmd_id_conflict: 409,
  invalid_params: 422,
};

/** Thrown by a guard after it has already answered the request. */
class Answered extends Error {}

export function requirePrincipal(
  request: FastifyRequest,
  reply: FastifyReply,
  secrets: AuthSecrets,
): Principal {
  const principal = resolvePrincipal(request, secrets);
  if (principal) return principal;
  void sendError(reply, 401, {
    code: 'unauthenticated',
    message: 'Sign in or send a bearer token',
  });
  throw new Answered();
}

/** The caller, who must hold `capability` (401 when anonymous, 403 when the role lacks it). */
export function requireCapability(
  request: FastifyRequest,
  reply: FastifyReply,
  secrets: AuthSecrets,
  capability: Capability,
): Principal {
  const principal = requirePrincipal(request, reply, secrets);
  if (can(principal.role, capability)) return principal;
  void sendError(reply, 403, {
    code: 'forbidden',
    message: `The ${principal.role} role may not do this (needs ${capability})`,
  });
  throw new Answered();
}

/** Parse with zod; a failure answers 422 with per-field messages and changes nothing. */
export function parseBody<S extends z.ZodType>(
  reply: FastifyReply,
  schema: S,
  body: unknown,
): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || '(body)';
    (errors[field] ??= []).push(issue.message);
  }
  void sendError(reply, 422, {
    code: 'validation_failed',
    message: 'The request is invalid',
    errors,
  });
  throw new Answered();
}

export function parseId(reply: FastifyReply, raw: string): number {
  const id = Number(raw);
  if (Number.isInteger(id) && id > 0) return id;
  void sendError(reply, 404, { code: 'not_found', message: `No such id ${raw}` });
  throw new Answered();
}

/**
 * Run a route body; guard answers end it quietly and domain errors become envelopes with the
 * status of their code. Anything else is a 500 from the error handler.
 */
export async function handle(reply: FastifyReply, body: () => Promise<unknown>): Promise<unknown> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Answered) return reply;
    if (error instanceof HydroError && STATUS_BY_CODE[error.code] !== undefined) {
      return sendError(reply, STATUS_BY_CODE[error.code]!, {
        code: error.code,
        message: error.message,
      });
    }
    throw error;
  }
}
