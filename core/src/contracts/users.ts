import { z } from 'zod';
import { EmailSchema, PasswordSchema, RoleSchema, UserNameSchema } from './auth.js';

/** A user account in the admin's user list (reference-backend-ui.md §2.13). */
export const UserViewSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const CreateUserRequestSchema = z.object({
  email: EmailSchema,
  name: UserNameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Every field optional; a new password signs the user out everywhere. */
export const UpdateUserRequestSchema = z
  .object({
    email: EmailSchema,
    name: UserNameSchema,
    role: RoleSchema,
    password: PasswordSchema,
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

/** One audit journal entry (`GET /api/audit`). */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  actor: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  diff: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `GET /api/audit?after_id&limit&target_type&target_id`: ascending ids, page by the last id. */
export const AuditQuerySchema = z.object({
  after_id: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  target_type: z.string().min(1).max(64).optional(),
  target_id: z.string().min(1).max(128).optional(),
});
