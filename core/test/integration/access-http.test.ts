import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LoginResponseSchema } from '../../src/contracts/auth.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';

const ADMIN = { email: 'boss@farm', password: 'env-admin-password' };

let h: Harness;
let port: number;

beforeAll(async () => {
  h = await startCore({ HYDRO_ADMIN_EMAIL: ADMIN.email, HYDRO_ADMIN_PASSWORD: ADMIN.password });
  port = Number(new URL(h.urls.http).port);
});
afterAll(() => h.stop());

/** A raw request, so the test controls the Host and Origin headers a browser would send. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; json: { status: string; code?: string } }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...headers,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            json: JSON.parse(text) as { status: string; code?: string },
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Open /api/ws; resolves with the first message, or the HTTP status that refused the upgrade. */
function openSocket(headers: Record<string, string>): Promise<{ status: number; first?: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers });
    socket.on('message', (data: Buffer) => {
      resolve({ status: 101, first: JSON.parse(data.toString()) });
      socket.close();
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode! });
      res.resume();
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

describe('the admin from the environment', () => {
  it('exists at start, can sign in, and first-run setup is closed', async () => {
    const login = await h.api('POST', '/api/auth/login', ADMIN);
    expect(login.status).toBe(200);
    expect(LoginResponseSchema.parse((login.body as { data: unknown }).data).user).toMatchObject({
      email: ADMIN.email,
      role: 'admin',
    });
    expect((await h.api('GET', '/api/setup/status')).body).toEqual({
      status: 'ok',
      data: { needs_admin: false },
    });
    expect((await h.api('POST', '/api/setup/admin', { ...ADMIN, name: 'Again' })).status).toBe(409);
  });
});

describe('DNS-rebinding and cross-site defences', () => {
  it('answers loopback host names and the bound address, and refuses any other Host (421)', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      expect((await raw('GET', '/api/health', { host })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, `192.168.1.20:${port}`, `localhost.evil.example`]) {
      const res = await raw('GET', '/api/health', { host });
      expect(res.status, host).toBe(421);
      expect(res.json).toMatchObject({ status: 'error', code: 'host_not_allowed' });
    }
  });

  it('refuses state-changing requests from another origin; same-origin and reads pass', async () => {
    const host = `127.0.0.1:${port}`;
    const auth = { host, authorization: `Bearer ${API_TOKEN}` };
    const body = { name: 'x' };
    for (const origin of ['http://evil.example', 'null', `http://localhost:${port}`]) {
      const res = await raw('POST', '/api/auth/tokens', { ...auth, origin }, body);
      expect(res.status, origin).toBe(403);
      expect(res.json.code).toBe('origin_not_allowed');
    }
    const login = await raw(
      'POST',
      '/api/auth/login',
      { host, origin: 'http://evil.example' },
      ADMIN,
    );
    expect(login.status).toBe(403);
    const same = await raw('POST', '/api/auth/tokens', { ...auth, origin: `http://${host}` }, body);
    expect(same.status).toBe(409); // reached the route: the static token has no account
    expect((await raw('GET', '/api/health', { host, origin: 'http://evil.example' })).status).toBe(
      200,
    );
  });
});

describe('the realtime socket', () => {
  const origin = () => `http://127.0.0.1:${port}`;

  it('needs a signed-in caller', async () => {
    expect(await openSocket({ origin: origin() })).toEqual({ status: 401 });
    expect(await openSocket({ origin: origin(), authorization: 'Bearer nope' })).toEqual({
      status: 401,
    });
  });

  it('refuses another origin, even with valid credentials', async () => {
    const res = await openSocket({
      origin: 'http://evil.example',
      authorization: `Bearer ${API_TOKEN}`,
    });
    expect(res).toEqual({ status: 403 });
  });

  it('accepts a same-origin browser session and a tool without Origin', async () => {
    const login = await h.api('POST', '/api/auth/login', ADMIN);
    const { token } = LoginResponseSchema.parse((login.body as { data: unknown }).data);
    for (const headers of <Record<string, string>[]>[
      { origin: origin(), cookie: `hydro_session=${token}` },
      { authorization: `Bearer ${API_TOKEN}` },
    ]) {
      const res = await openSocket(headers);
      expect(res.status).toBe(101);
      expect(res.first).toMatchObject({ channel: 'hydro.system', event: 'system.health' });
    }
  });
});
