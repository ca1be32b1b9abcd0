import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoginResponseSchema } from '../../src/contracts/auth.js';
import { AuditEntrySchema, UserViewSchema } from '../../src/contracts/users.js';
import { accessApp, bearer, type AccessApp, type Envelope } from '../helpers/access-app.js';

const ADMIN = { email: 'ana@farm', name: 'Ana', password: 'correct horse battery' };

let h: AccessApp;
let admin: string;
let adminId: number;

beforeEach(async () => {
  h = await accessApp();
  const res = await h.call('POST', '/api/setup/admin', { body: ADMIN });
  const body = LoginResponseSchema.parse(res.json<Envelope>().data);
  admin = body.token;
  adminId = body.user.id;
});
afterEach(() => h.close());

const asAdmin = (method: string, url: string, body?: unknown) =>
  h.call(method, url, { headers: bearer(admin), body });

async function create(email: string, role: string) {
  const res = await asAdmin('POST', '/api/users', {
    email,
    name: email.split('@')[0],
    role,
    password: 'pass-word-1',
  });
  expect(res.statusCode).toBe(201);
  return UserViewSchema.parse(res.json<Envelope>().data);
}

async function signIn(email: string, password = 'pass-word-1', ip = '10.9.9.9') {
  const res = await h.call('POST', '/api/auth/login', { body: { email, password }, ip });
  return res.statusCode === 200 ? LoginResponseSchema.parse(res.json<Envelope>().data).token : null;
}

describe('user administration', () => {
  it('creates, lists, reads, edits and deletes users, never showing password hashes', async () => {
    const bo = await create('Bo@Farm', 'operator');
    expect(bo).toMatchObject({ email: 'bo@farm', role: 'operator', disabled: false });
    const dup = await asAdmin('POST', '/api/users', {
      email: 'bo@farm',
      name: 'x',
      role: 'viewer',
      password: 'pass-word-1',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Envelope>().code).toBe('email_taken');
    const bad = await asAdmin('POST', '/api/users', { email: 'nope', name: '', role: 'king' });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json<Envelope>().errors ?? {}).sort()).toEqual([
      'email',
      'name',
      'password',
      'role',
    ]);

    const list = await asAdmin('GET', '/api/users');
    expect(list.json<Envelope<{ email: string }[]>>().data.map((u) => u.email)).toEqual([
      'ana@farm',
      'bo@farm',
    ]);
    expect(list.body).not.toMatch(/scrypt|password/);

    const patched = await asAdmin('PATCH', `/api/users/${bo.id}`, {
      name: 'Bo B',
      role: 'agronomist',
    });
    expect(patched.json<Envelope>().data).toMatchObject({ name: 'Bo B', role: 'agronomist' });
    expect((await asAdmin('PATCH', `/api/users/${bo.id}`, { password: 'x' })).statusCode).toBe(422);
    expect((await asAdmin('PATCH', `/api/users/${bo.id}`, { salary: 1 })).statusCode).toBe(422);

    expect((await asAdmin('DELETE', `/api/users/${bo.id}`)).statusCode).toBe(200);
    const gone = await asAdmin('GET', `/api/users/${bo.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<Envelope>().code).toBe('user_not_found');
  });

  it('is for admins only', async () => {
    await create('olga@farm', 'engineer');
    const engineer = (await signIn('olga@farm'))!;
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', `/api/users/${adminId}`],
      ['PATCH', `/api/users/${adminId}`],
      ['DELETE', `/api/users/${adminId}`],
      ['GET', '/api/audit'],
    ] as const) {
      const res = await h.call(method, url, { headers: bearer(engineer), body: {} });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json<Envelope>().code).toBe('forbidden');
    }
  });

  it('never lets the last enabled admin go: no demotion, disabling or deletion (409)', async () => {
    for (const body of [{ role: 'viewer' }, { disabled: true }]) {
      const res = await asAdmin('PATCH', `/api/users/${adminId}`, body);
      expect(res.statusCode).toBe(409);
      expect(res.json<Envelope>().code).toBe('last_admin');
    }
    const self = await asAdmin('DELETE', `/api/users/${adminId}`);
    expect(self.json<Envelope>().code).toBe('cannot_delete_self');

    const bo = await create('bo@farm', 'admin');
    const bosToken = (await signIn('bo@farm'))!;
    // Another admin may now remove Ana's admin role; then Bo is the last one.
    expect(
      (
        await h.call('PATCH', `/api/users/${adminId}`, {
          headers: bearer(bosToken),
          body: { role: 'operator' },
        })
      ).statusCode,
    ).toBe(200);
    const demoteBo = await h.call('PATCH', `/api/users/${bo.id}`, {
      headers: bearer(bosToken),
      body: { role: 'viewer' },
    });
    expect(demoteBo.json<Envelope>().code).toBe('last_admin');
    // A role change takes effect on the next request.
    expect((await asAdmin('GET', '/api/users')).statusCode).toBe(403);
  });

  it('signs a user out everywhere on a new password, and shuts out a disabled user', async () => {
    const vic = await create('vic@farm', 'viewer');
    const session = (await signIn('vic@farm'))!;
    const pat = (
      await h.call('POST', '/api/auth/tokens', { headers: bearer(session), body: { name: 'x' } })
    ).json<Envelope<{ token: string }>>().data.token;
    await asAdmin('PATCH', `/api/users/${vic.id}`, { password: 'brand-new-pass' });
    expect((await h.call('GET', '/api/auth/me', { headers: bearer(session) })).statusCode).toBe(
      401,
    );
    expect(await signIn('vic@farm')).toBeNull();
    expect(await signIn('vic@farm', 'brand-new-pass', '10.9.9.8')).not.toBeNull();
    expect((await h.call('GET', '/api/auth/me', { headers: bearer(pat) })).statusCode).toBe(200);

    await asAdmin('PATCH', `/api/users/${vic.id}`, { disabled: true });
    expect((await h.call('GET', '/api/auth/me', { headers: bearer(pat) })).statusCode).toBe(401);
  });
});

describe('audit journal', () => {
  it('records sign-ins, failures, user and token changes and sign-outs, paged by after_id', async () => {
    const bo = await create('bo@farm', 'operator');
    await signIn('bo@farm', 'wrong-password');
    const session = (await signIn('bo@farm'))!;
    const created = await h.call('POST', '/api/auth/tokens', {
      headers: bearer(session),
      body: { name: 'cli' },
    });
    await h.call('DELETE', `/api/auth/tokens/${created.json<Envelope<{ id: number }>>().data.id}`, {
      headers: bearer(session),
    });
    await asAdmin('PATCH', `/api/users/${bo.id}`, { role: 'viewer', password: 'new-password-1' });
    await h.call('POST', '/api/auth/logout', { headers: bearer(admin) });
    const relogin = (await signIn('ana@farm', ADMIN.password))!;

    const res = await h.call('GET', '/api/audit?limit=100', { headers: bearer(relogin) });
    const entries = res.json<Envelope<unknown[]>>().data.map((e) => AuditEntrySchema.parse(e));
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'user.create', // setup
      'user.create',
      'auth.login_failed',
      'auth.login',
      'token.create',
      'token.revoke',
      'user.update',
      'auth.logout',
      'auth.login',
    ]);
    expect(entries[0]).toMatchObject({
      actor: 'setup',
      target_type: 'user',
      target_id: String(adminId),
    });
    expect(entries[2]).toMatchObject({ actor: 'bo@farm', diff: { ip: '10.9.9.9' } });
    expect(entries[6]).toMatchObject({
      actor: `user:${adminId} Ana`,
      diff: { role: ['operator', 'viewer'], password: 'changed' },
    });
    expect(res.body).not.toContain('new-password-1');

    const page = await h.call('GET', `/api/audit?after_id=${entries[6]!.id}&limit=1`, {
      headers: bearer(relogin),
    });
    expect(page.json<Envelope<{ action: string }[]>>().data.map((e) => e.action)).toEqual([
      'auth.logout',
    ]);
    const forBo = await h.call('GET', `/api/audit?target_type=user&target_id=${bo.id}`, {
      headers: bearer(relogin),
    });
    expect(forBo.json<Envelope>().data).toHaveLength(4);
  });
});
