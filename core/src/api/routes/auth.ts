import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessService } from '../../access/access-service.js';
import { auditActor } from '../../access/audit.js';
import {
  CreateApiTokenRequestSchema,
  LoginRequestSchema,
  SetupAdminRequestSchema,
  type ApiTokenView,
  type UserSummary,
} from '../../contracts/auth.js';
import { capabilitiesOf } from '../../contracts/capabilities.js';
import type { ApiTokenRecord, UserRecord } from '../../storage/access-types.js';
import {
  clearSessionCookie,
  presentedUserSecret,
  resolvePrincipal,
  setSessionCookie,
  type AuthSecrets,
} from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requirePrincipal } from '../guards.js';

export interface AuthRouteDeps {
  secrets: AuthSecrets;
  access: AccessService;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const userSummary = (u: UserRecord): UserSummary => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
});

const tokenView = (t: ApiTokenRecord): ApiTokenView => ({
  id: t.id,
  name: t.name,
  created_at: new Date(t.createdAt).toISOString(),
  last_used_at: iso(t.lastUsedAt),
  revoked_at: iso(t.revokedAt),
});

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Sign-in, sign-out, who am I, personal tokens, and first-run setup (reference §2.1, §5.1). */
export function registerAuthRoutes(api: FastifyInstance, deps: AuthRouteDeps): void {
  const { throttle } = deps.access.authenticator;
  // Brute-force brake on every endpoint that accepts or mints credentials. Reads (me, token
  // list, setup status) are left out: the UI asks for them on each load and they prove nothing.
  const throttled: Hook = async (request, reply) => {
    const wait = throttle.hit(request.ip);
    return wait === null ? undefined : tooManyRequests(reply, wait, 'Too many requests; try later');
  };
  registerSessionRoutes(api, deps, throttled);
  registerTokenRoutes(api, deps, throttled);
  registerSetupRoutes(api, deps, throttled);
}

function registerSessionRoutes(api: FastifyInstance, deps: AuthRouteDeps, throttled: Hook): void {
  const { authenticator, accounts } = deps.access;

  api.post('/api/auth/login', { onRequest: throttled }, (request, reply) =>
    handle(reply, async () => {
      const body = parseBody(reply, LoginRequestSchema, request.body);
      const result = await authenticator.login(body.email, body.password, request.ip);
      if (!result.ok && result.reason === 'locked')
        return tooManyRequests(reply, result.retryAfterS, 'Too many failed sign-ins; try later');
      if (!result.ok)
        return sendError(reply, 401, {
          code: 'invalid_credentials',
          message: 'The email or password is incorrect',
        });
      setSessionCookie(request, reply, result.token);
      return sendOk(reply, { token: result.token, user: userSummary(result.user) });
    }),
  );

  // Idempotent and open: it ends whatever session or personal token came with the request and
  // always clears the cookie, so a stale cookie can still sign out.
  api.post('/api/auth/logout', { onRequest: throttled }, (request, reply) =>
    handle(reply, async () => {
      const principal = await resolvePrincipal(request, deps.secrets);
      const secret = presentedUserSecret(request);
      if (principal?.user_id != null && secret !== undefined)
        await authenticator.signOut(secret, auditActor(principal));
      clearSessionCookie(request, reply);
      return sendOk(reply, { signed_out: true });
    }),
  );

  api.get('/api/auth/me', (request, reply) =>
    handle(reply, async () => {
      const principal = await requirePrincipal(request, reply, deps.secrets);
      const user = principal.user_id === null ? null : await accounts.get(principal.user_id);
      return sendOk(reply, {
        ...principal,
        user: user && userSummary(user),
        capabilities: capabilitiesOf(principal.role),
      });
    }),
  );
}

function registerTokenRoutes(api: FastifyInstance, deps: AuthRouteDeps, throttled: Hook): void {
  const { accounts } = deps.access;

  api.get('/api/auth/tokens', (request, reply) =>
    handle(reply, async () => {
      const principal = await requirePrincipal(request, reply, deps.secrets);
      if (principal.user_id === null) return sendOk(reply, []);
      return sendOk(reply, (await accounts.tokens(principal.user_id)).map(tokenView));
    }),
  );

  api.post('/api/auth/tokens', { onRequest: throttled }, (request, reply) =>
    handle(reply, async () => {
      const principal = await requirePrincipal(request, reply, deps.secrets);
      const body = parseBody(reply, CreateApiTokenRequestSchema, request.body);
      if (principal.user_id === null) return noAccount(reply);
      const { record, secret } = await accounts.createToken(
        principal.user_id,
        body.name,
        principal,
      );
      return reply.code(201).send({ status: 'ok', data: { ...tokenView(record), token: secret } });
    }),
  );

  api.delete<{ Params: { id: string } }>(
    '/api/auth/tokens/:id',
    { onRequest: throttled },
    (request, reply) =>
      handle(reply, async () => {
        const principal = await requirePrincipal(request, reply, deps.secrets);
        const id = parseId(reply, request.params.id);
        if (principal.user_id === null) return noAccount(reply);
        await accounts.revokeToken(principal.user_id, id, principal);
        return sendOk(reply, { id, revoked: true });
      }),
  );
}

function registerSetupRoutes(api: FastifyInstance, deps: AuthRouteDeps, throttled: Hook): void {
  const { authenticator, accounts } = deps.access;

  api.get('/api/setup/status', (_request, reply) =>
    handle(reply, async () => sendOk(reply, { needs_admin: await accounts.needsAdmin() })),
  );

  api.post('/api/setup/admin', { onRequest: throttled }, (request, reply) =>
    handle(reply, async () => {
      const body = parseBody(reply, SetupAdminRequestSchema, request.body);
      const user = await accounts.setupAdmin(body);
      const token = await authenticator.startSession(user.id);
      setSessionCookie(request, reply, token);
      return reply.code(201).send({ status: 'ok', data: { token, user: userSummary(user) } });
    }),
  );
}

function tooManyRequests(reply: FastifyReply, retryAfterS: number, message: string) {
  return sendError(reply.header('retry-after', String(retryAfterS)), 429, {
    code: 'too_many_requests',
    message,
    details: { retry_after_s: retryAfterS },
  });
}

function noAccount(reply: FastifyReply) {
  return sendError(reply, 409, {
    code: 'no_user_account',
    message: 'Personal tokens belong to user accounts; sign in as a user to manage them',
  });
}
