import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS } from '../../src/access/authenticator.js';
import { CAPABILITIES } from '../../src/contracts/capabilities.js';
import { z } from 'zod';
import { ApiTokenViewSchema, LoginResponseSchema, MeSchema } from '../../src/contracts/auth.js';
import { UserViewSchema } from '../../src/contracts/users.js';
import {
  DESKTOP_TOKEN,
  STATIC_TOKEN,
  accessApp,
  bearer,
  memoryStorage,
  sessionCookieOf,
  type AccessApp,
  type Envelope,
} from '../helpers/access-app.js';

const ADMIN = { email: 'ana@farm.example', name: 'Ana', password: 'correct horse battery' };
const MINUTE = 60_000;

let h: AccessApp;
afterEach(() => h.close());

async function setUp(): Promise<string> {
  h = await accessApp();
  const res = await h.call('POST', '/api/setup/admin', { body: ADMIN });
  expect(res.statusCode).toBe(201);
  return LoginResponseSchema.parse(res.json<Envelope>().data).token;
}

async function addUser(adminToken: string, email: string, role: string, password = 'pass-word-1') {
  const res = await h.call('POST', '/api/users', {
    headers: bearer(adminToken),
    body: { email, name: email.split('@')[0], role, password },
  });
  expect(res.statusCode).toBe(201);
  return UserViewSchema.parse(res.json<Envelope>().data);
}

const login = (email: string, password: string, ip = '10.0.0.2') =>
  h.call('POST', '/api/auth/login', { body: { email, password }, ip });

const me = (headers: Record<string, string>) => h.call('GET', '/api/auth/me', { headers });

describe('first run', () => {
  it('offers setup once: the first account is an admin, signed in at once; later calls get 409', async () => {
    h = await accessApp();
    expect((await h.call('GET', '/api/setup/status')).json<Envelope>().data).toEqual({
      needs_admin: true,
    });
    const weak = await h.call('POST', '/api/setup/admin', {
      body: { ...ADMIN, password: 'short' },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json<Envelope>().errors?.password).toBeDefined();

    const created = await h.call('POST', '/api/setup/admin', { body: ADMIN });
    expect(created.statusCode).toBe(201);
    const cookie = [created.headers['set-cookie']].flat().join('');
    expect(cookie).toMatch(/^hydro_session=hys_[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const who = MeSchema.parse(
      (await me({ cookie: sessionCookieOf(created) })).json<Envelope>().data,
    );
    expect(who).toMatchObject({ role: 'admin', via: 'session', user: { email: ADMIN.email } });
    expect(who.capabilities).toEqual(Object.keys(CAPABILITIES));

    expect((await h.call('GET', '/api/setup/status')).json<Envelope>().data).toEqual({
      needs_admin: false,
    });
    const again = await h.call('POST', '/api/setup/admin', {
      body: { ...ADMIN, email: 'mallory@evil.example' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Envelope>().code).toBe('setup_complete');
    expect(await h.storage.users.count()).toBe(1);
  });

  it('lets two racing setup requests create one admin only', async () => {
    h = await accessApp();
    const [a, b] = await Promise.all([
      h.call('POST', '/api/setup/admin', { body: ADMIN }),
      h.call('POST', '/api/setup/admin', { body: { ...ADMIN, email: 'bo@farm.example' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await h.storage.users.count()).toBe(1);
  });

  it('creates the admin from HYDRO_ADMIN_* only while there is no account', async () => {
    const storage = memoryStorage();
    h = await accessApp({ email: ' Boss@Farm', password: 'from-the-env' }, storage);
    expect((await login('boss@farm', 'from-the-env')).statusCode).toBe(200);
    await h.close();
    h = await accessApp({ email: 'other@farm', password: 'another-one' }, storage);
    expect((await h.storage.users.list()).map((u) => u.email)).toEqual(['boss@farm']);
    expect((await login('other@farm', 'another-one')).statusCode).toBe(401);
  });
});

describe('sign-in, sessions and sign-out', () => {
  it('signs in with a cookie and a token, tells who is calling, and signs out', async () => {
    const adminToken = await setUp();
    await addUser(adminToken, 'olga@farm', 'operator');
    const res = await login('OLGA@farm ', 'pass-word-1');
    expect(res.statusCode).toBe(200);
    const body = LoginResponseSchema.parse(res.json<Envelope>().data);
    expect(body.user).toEqual({
      id: body.user.id,
      name: 'olga',
      email: 'olga@farm',
      role: 'operator',
    });
    const cookie = sessionCookieOf(res);
    expect(cookie).toBe(`hydro_session=${body.token}`);

    for (const headers of [{ cookie }, bearer(body.token)]) {
      const who = MeSchema.parse((await me(headers)).json<Envelope>().data);
      expect(who).toMatchObject({
        name: 'olga',
        role: 'operator',
        via: 'session',
        user_id: body.user.id,
      });
      expect(who.capabilities).toContain('commands.send');
      expect(who.capabilities).not.toContain('system.admin');
    }

    const out = await h.call('POST', '/api/auth/logout', { headers: { cookie } });
    expect(out.statusCode).toBe(200);
    expect([out.headers['set-cookie']].flat().join('')).toMatch(/hydro_session=; .*Max-Age=0/);
    expect((await me({ cookie })).statusCode).toBe(401);
    expect((await me(bearer(body.token))).statusCode).toBe(401);
  });

  it('answers a wrong password, an unknown email and a disabled account alike', async () => {
    const adminToken = await setUp();
    const dora = await addUser(adminToken, 'dora@farm', 'viewer');
    await h.call('PATCH', `/api/users/${dora.id}`, {
      headers: bearer(adminToken),
      body: { disabled: true },
    });
    const answers = await Promise.all([
      login(ADMIN.email, 'wrong-password'),
      login('nobody@farm', 'wrong-password', '10.0.0.3'),
      login('dora@farm', 'pass-word-1', '10.0.0.4'),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json<Envelope>()).toEqual({
        status: 'error',
        code: 'invalid_credentials',
        message: 'The email or password is incorrect',
      });
    }
  });

  it('ends a session after 120 idle minutes; use keeps it alive', async () => {
    const adminToken = await setUp();
    await addUser(adminToken, 'vic@farm', 'viewer');
    const { token } = LoginResponseSchema.parse(
      (await login('vic@farm', 'pass-word-1')).json<Envelope>().data,
    );
    h.clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await me(bearer(token))).statusCode).toBe(200);
    h.clock.advance(SESSION_IDLE_MS - MINUTE);
    expect((await me(bearer(token))).statusCode).toBe(200);
    h.clock.advance(SESSION_IDLE_MS + MINUTE);
    expect((await me(bearer(token))).statusCode).toBe(401);
  });

  it('recognises the static API token and the desktop cookie as admins without an account', async () => {
    await setUp();
    const staticMe = MeSchema.parse((await me(bearer(STATIC_TOKEN))).json<Envelope>().data);
    expect(staticMe).toMatchObject({ name: 'api-token', via: 'token', user_id: null, user: null });
    const desktop = { cookie: `theme=dark; hydro_desktop=${DESKTOP_TOKEN}` };
    expect(MeSchema.parse((await me(desktop)).json<Envelope>().data)).toMatchObject({
      via: 'desktop',
      role: 'admin',
      user: null,
    });
    // A wrong bearer is refused even when a valid cookie comes along.
    expect((await me({ ...desktop, ...bearer('hyt_wrong') })).statusCode).toBe(401);
    expect((await me({ cookie: 'hydro_session=hys_forged' })).statusCode).toBe(401);
  });
});

describe('personal API tokens', () => {
  it('are shown once, listed without the secret, work as bearer and stop when revoked', async () => {
    const adminToken = await setUp();
    await addUser(adminToken, 'eng@farm', 'engineer');
    const { token: session } = LoginResponseSchema.parse(
      (await login('eng@farm', 'pass-word-1')).json<Envelope>().data,
    );
    const created = await h.call('POST', '/api/auth/tokens', {
      headers: bearer(session),
      body: { name: 'grafana' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json<Envelope>().data as { token: string; id: number };
    expect(token).toMatch(/^hyt_/);

    const listed = await h.call('GET', '/api/auth/tokens', { headers: bearer(session) });
    expect(z.array(ApiTokenViewSchema).parse(listed.json<Envelope>().data)).toEqual([
      {
        id,
        name: 'grafana',
        created_at: created.json<Envelope<{ created_at: string }>>().data.created_at,
        last_used_at: null,
        revoked_at: null,
      },
    ]);
    expect(listed.body).not.toContain(token);
    expect(JSON.stringify(await h.storage.apiTokens.listForUser(1))).not.toContain(token);

    expect(MeSchema.parse((await me(bearer(token))).json<Envelope>().data)).toMatchObject({
      via: 'token',
      role: 'engineer',
    });
    // Someone else's token is not theirs to revoke.
    const other = await h.call('DELETE', `/api/auth/tokens/${id}`, { headers: bearer(adminToken) });
    expect(other.statusCode).toBe(404);

    const revoked = await h.call('DELETE', `/api/auth/tokens/${id}`, { headers: bearer(session) });
    expect(revoked.statusCode).toBe(200);
    expect((await me(bearer(token))).statusCode).toBe(401);
    const twice = await h.call('DELETE', `/api/auth/tokens/${id}`, { headers: bearer(session) });
    expect(twice.json<Envelope>().code).toBe('token_not_found');
  });

  it('logout with a personal token revokes that token', async () => {
    const adminToken = await setUp();
    const created = await h.call('POST', '/api/auth/tokens', {
      headers: bearer(adminToken),
      body: { name: 'cli' },
    });
    const { token } = created.json<Envelope>().data as { token: string };
    expect((await h.call('POST', '/api/auth/logout', { headers: bearer(token) })).statusCode).toBe(
      200,
    );
    expect((await me(bearer(token))).statusCode).toBe(401);
    expect((await me(bearer(adminToken))).statusCode).toBe(200);
  });

  it('has none for the static token or the desktop admin', async () => {
    await setUp();
    const res = await h.call('POST', '/api/auth/tokens', {
      headers: bearer(STATIC_TOKEN),
      body: { name: 'x' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<Envelope>().code).toBe('no_user_account');
  });
});

describe('brute-force brakes', () => {
  it('allows 10 credential requests a minute per IP, then 429 with Retry-After', async () => {
    await setUp();
    for (let i = 0; i < 10; i++) {
      expect((await login(`u${i}@farm`, 'whatever-1', '10.1.1.1')).statusCode).toBe(401);
      h.clock.advance(1000);
    }
    const limited = await login('y@farm', 'whatever-1', '10.1.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Envelope>().code).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBe(50);
    expect((await login(ADMIN.email, ADMIN.password, '10.1.1.2')).statusCode).toBe(200);
    h.clock.advance(50_000);
    expect((await login(ADMIN.email, ADMIN.password, '10.1.1.1')).statusCode).toBe(200);
  });

  it('locks an email + IP out for 15 minutes after 5 failures, even for unknown emails', async () => {
    await setUp();
    for (const email of [ADMIN.email, 'ghost@farm']) {
      for (let i = 0; i < 5; i++) {
        expect((await login(email, 'wrong-password', '10.2.2.2')).statusCode).toBe(401);
        h.clock.advance(7000); // stays under the 10/min request limit
      }
    }
    const locked = await login(ADMIN.email, ADMIN.password, '10.2.2.2');
    expect(locked.statusCode).toBe(429);
    expect(locked.json<Envelope>().code).toBe('too_many_requests');
    // Locked at the fifth failure, 42 s of attempts ago.
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60 - 42);
    expect((await login('ghost@farm', 'anything-1', '10.2.2.2')).statusCode).toBe(429);
    // Another address is not locked out, and the lock lifts after 15 minutes.
    expect((await login(ADMIN.email, ADMIN.password, '10.2.2.3')).statusCode).toBe(200);
    h.clock.advance(15 * MINUTE);
    expect((await login(ADMIN.email, ADMIN.password, '10.2.2.2')).statusCode).toBe(200);
  });
});
