import { z } from 'zod';
import {
  LoginResponseSchema,
  MeSchema,
  SetupStatusSchema,
  type LoginResponse,
  type Me,
} from '@contracts/auth.js';
import { ApiRequestError, getData, sendData } from './http.js';

/** Who the controller thinks we are, or null when the request is not authenticated. */
export async function fetchSession(): Promise<Me | null> {
  try {
    return await getData('/api/auth/me', MeSchema);
  } catch (error) {
    if (error instanceof ApiRequestError && error.httpStatus === 401) return null;
    throw error;
  }
}

/** True until the first account exists: the first visitor then creates the administrator. */
export async function fetchNeedsAdmin(): Promise<boolean> {
  return (await getData('/api/setup/status', SetupStatusSchema)).needs_admin;
}

/** Creates the first administrator; the core signs this browser in with a session cookie. */
export function createFirstAdmin(input: {
  email: string;
  name: string;
  password: string;
}): Promise<LoginResponse> {
  return sendData('POST', '/api/setup/admin', input, LoginResponseSchema);
}

/** Signs in; the core sets the `hydro_session` cookie on success. */
export function signIn(input: { email: string; password: string }): Promise<LoginResponse> {
  return sendData('POST', '/api/auth/login', input, LoginResponseSchema);
}

export async function signOut(): Promise<void> {
  await sendData('POST', '/api/auth/logout', undefined, z.unknown());
}
