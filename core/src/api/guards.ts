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
  alert_not_found: 404,
  node_offline: 409,
  node_not_bound: 409,
  node_decommissioned: 409,
  cmd_id_conflict: 409,
  backups_external: 409,
  backup_not_found: 404,
  storage_corrupt: 422,
  storage_too_new: 422,
  invalid_params: 422,
  user_not_found: 404,
  token_not_found: 404,
  email_taken: 409,
  setup_complete: 409,
  last_admin: 409,
  cannot_delete_self: 409,
  // Domain: greenhouses, zones, bindings, catalog, recipes, grow cycles.
  greenhouse_not_found: 404,
  binding_not_found: 404,
  plant_not_found: 404,
  nutrient_product_not_found: 404,
  recipe_not_found: 404,
  recipe_revision_not_found: 404,
  recipe_phase_not_found: 404,
  grow_cycle_not_found: 404,
  uid_taken: 409,
  greenhouse_has_zones: 409,
  zone_has_nodes: 409,
  zone_has_active_cycle: 409,
  zone_in_use: 409,
  binding_channel_in_use: 409,
  plant_in_use: 409,
  nutrient_product_in_use: 409,
  recipe_in_use: 409,
  revision_not_editable: 409,
  revision_not_draft: 409,
  revision_archived: 409,
  revision_not_published: 409,
  phase_index_taken: 409,
  cycle_invalid_transition: 409,
  cycle_no_next_phase: 409,
  cycle_already_in_phase: 409,
  unknown_reference: 422,
  binding_node_not_in_zone: 422,
  binding_channel_not_reported: 422,
  binding_channel_kind_mismatch: 422,
  revision_has_no_phases: 422,
  nutrient_product_component_mismatch: 422,
  recipe_phase_ratios_missing: 422,
  cycle_phase_not_found: 422,
  // Calibration.
  pump_calibration_run_not_found: 404,
  sensor_calibration_not_found: 404,
  calibration_run_not_done: 409,
  sensor_calibration_invalid_state: 409,
  calibration_role_not_bound: 422,
  calibration_node_offline: 422,
  calibration_out_of_range: 422,
  // Zone runtime (tasks, operator steps).
  zone_busy: 409,
  task_changed: 409,
  no_active_task: 409,
  manual_step_forbidden_in_auto_mode: 409,
  manual_step_not_allowed: 422,
  start_irrigation_setup_pending: 409,
  workflow_unsupported: 409,
};

/** Thrown by a guard after it has already answered the request. */
class Answered extends Error {}

export async function requirePrincipal(
  request: FastifyRequest,
  reply: FastifyReply,
  secrets: AuthSecrets,
): Promise<Principal> {
  const principal = await resolvePrincipal(request, secrets);
  if (principal) return principal;
  void sendError(reply, 401, {
    code: 'unauthenticated',
    message: 'Sign in or send a bearer token',
  });
  throw new Answered();
}

/** The caller, who must hold `capability` (401 when anonymous, 403 when the role lacks it). */
export async function requireCapability(
  request: FastifyRequest,
  reply: FastifyReply,
  secrets: AuthSecrets,
  capability: Capability,
): Promise<Principal> {
  const principal = await requirePrincipal(request, reply, secrets);
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
