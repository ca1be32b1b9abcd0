import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'agronomist', 'engineer', 'operator', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

/** Who the API thinks the caller is. */
export const PrincipalSchema = z.object({
  name: z.string(),
  role: RoleSchema,
  /**
   * How the caller authenticated: the desktop window's cookie, a bearer token (the static
   * HYDRO_API_TOKEN or a personal token), or a login session (cookie, or its token as bearer).
   */
  via: z.enum(['desktop', 'token', 'session']),
  /** The user account; null for the static API token and the desktop's local admin. */
  user_id: z.number().int().nullable(),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** Cookie carrying the desktop session; Electron main sets it for the window it owns. */
export const DESKTOP_SESSION_COOKIE = 'hydro_desktop';
/** Cookie carrying a login session (browser on the LAN, or a signed-out desktop window). */
export const SESSION_COOKIE = 'hydro_session';

export const PASSWORD_MIN_LENGTH = 8;
/** scrypt cost grows with length; a cap keeps one login from tying up the event loop. */
const PASSWORD_MAX_LENGTH = 256;

/**
 * Lower-cased and trimmed. Deliberately loose (something@somewhere): farm accounts often use
 * local names such as admin@localhost that stricter checks reject, and nothing is mailed.
 */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .max(254)
      .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address'),
  );
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
export const UserNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

/** `POST /api/auth/login`. The password is not length-checked here: old rules may differ. */
export const LoginRequestSchema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

/** The signed-in user as the login answer and `/api/auth/me` show it. */
export const UserSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

/**
 * `POST /api/auth/login` and `POST /api/setup/admin`. `token` is the session's secret (the same
 * value the HttpOnly cookie carries) for scripts that send it as a bearer token; it expires with
 * the session. Long-lived script access uses personal tokens (`/api/auth/tokens`).
 */
export const LoginResponseSchema = z.object({ token: z.string(), user: UserSummarySchema });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

/** `GET /api/auth/me`: the principal, its account (if any) and every capability its role holds. */
export const MeSchema = PrincipalSchema.extend({
  user: UserSummarySchema.nullable(),
  capabilities: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;

/** `GET /api/setup/status` (public): true until the first account exists. */
export const SetupStatusSchema = z.object({ needs_admin: z.boolean() });

/** `POST /api/setup/admin`: the first account, always an admin; only while no account exists. */
export const SetupAdminRequestSchema = z.object({
  email: EmailSchema,
  name: UserNameSchema,
  password: PasswordSchema,
});

/** A personal API token as its owner sees it later: never the secret. */
export const ApiTokenViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenViewSchema>;

export const CreateApiTokenRequestSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
});

/** `POST /api/auth/tokens`: the only time the secret is shown. */
export const CreatedApiTokenSchema = ApiTokenViewSchema.extend({ token: z.string() });
