import { z } from 'zod';
import {
  UserViewSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserView,
} from '@contracts/users.js';
import { getData, sendData } from './http.js';

/** User administration (reference-backend-ui.md §2.13), admins only. */

export function fetchUsers(): Promise<UserView[]> {
  return getData('/api/users', z.array(UserViewSchema));
}

export function createUser(input: CreateUserRequest): Promise<UserView> {
  return sendData('POST', '/api/users', input, UserViewSchema);
}

/** Role, name, email, a new password (signs the user out everywhere) or `disabled`. */
export function updateUser(id: number, patch: UpdateUserRequest): Promise<UserView> {
  return sendData('PATCH', `/api/users/${id}`, patch, UserViewSchema);
}

export async function deleteUser(id: number): Promise<void> {
  await sendData('DELETE', `/api/users/${id}`, undefined, z.unknown());
}
