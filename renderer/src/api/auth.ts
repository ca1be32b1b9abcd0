import { PrincipalSchema, type Principal } from '@contracts/auth.js';
import { ApiRequestError, getData } from './http.js';

/** Who the controller thinks we are, or null when the request is not authenticated. */
export async function fetchCurrentPrincipal(): Promise<Principal | null> {
  try {
    return await getData('/api/auth/me', PrincipalSchema);
  } catch (error) {
    if (error instanceof ApiRequestError && error.httpStatus === 401) return null;
    throw error;
  }
}
