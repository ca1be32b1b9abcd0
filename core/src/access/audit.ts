import type { Principal } from '../contracts/auth.js';

/**
 * The `actor` an audit entry names for a caller: `user:<id> <name>` for accounts (the id stays
 * meaningful after a rename, the name after a delete), `api-token` or `local-admin` otherwise.
 */
export function auditActor(principal: Principal): string {
  return principal.user_id === null
    ? principal.name
    : `user:${principal.user_id} ${principal.name}`;
}
