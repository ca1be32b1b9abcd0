import { HydroError } from '../runtime/errors.js';

/**
 * Domain failures. The API answers each `code` with the status listed in api/guards.ts
 * (404 for *_not_found, 409 for conflicts with the stored state, 422 for unusable input).
 */

/** The addressed record does not exist. */
export class NotFoundError extends HydroError {
  constructor(kind: string, id: number | string) {
    super(`${kind}_not_found`, `No ${kind.replaceAll('_', ' ')} ${id}`);
  }
}

/** The request is valid but conflicts with the current state (409). */
export class ConflictError extends HydroError {}

/** The request names something that does not exist or cannot be used (422). */
export class UnprocessableError extends HydroError {}

/** A field of the request refers to a record that does not exist. */
export function unknownReference(field: string, id: number): UnprocessableError {
  return new UnprocessableError('unknown_reference', `${field} ${id} does not exist`);
}
