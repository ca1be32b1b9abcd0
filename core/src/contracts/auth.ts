import { z } from 'zod';

export const RoleSchema = z.enum(['admin', 'agronomist', 'engineer', 'operator', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

/** Who the API thinks the caller is (`GET /api/auth/me`). */
export const PrincipalSchema = z.object({
  name: z.string(),
  role: RoleSchema,
  /** How the caller authenticated: the desktop window's session, or a bearer token. */
  via: z.enum(['desktop', 'token']),
});
export type Principal = z.infer<typeof PrincipalSchema>;

/** Cookie carrying the desktop session; Electron main sets it for the window it owns. */
export const DESKTOP_SESSION_COOKIE = 'hydro_desktop';
