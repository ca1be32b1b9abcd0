import { expect } from 'vitest';
import { ApiErrorSchema, type ApiError } from '../../src/contracts/envelope.js';
import { API_TOKEN, type Harness } from './core-harness.js';

export type Reply = {
  status: number;
  body: { status: string; data?: unknown } & Partial<ApiError>;
};

/** JSON calls against a running core, as the static admin token or another bearer token. */
export function apiClient(h: Harness) {
  function call(method: string, path: string, body?: unknown, token = API_TOKEN): Promise<Reply> {
    return fetch(`${h.urls.http}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Reply['body'] }));
  }

  return {
    call,

    /** The answer is `status` with the error envelope carrying `code`; returns the envelope. */
    expectError(reply: Reply, status: number, code: string): ApiError {
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      const error = ApiErrorSchema.parse(reply.body);
      expect(error.code).toBe(code);
      return error;
    },

    /** The `data` of a successful answer with `status`. */
    data<T = { id: number }>(reply: Reply, status = 200): T {
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      return reply.body.data as T;
    },

    /** A bearer token for a new account with `role`. */
    async tokenFor(role: string): Promise<string> {
      const email = `${role}-${Math.random().toString(36).slice(2)}@farm`;
      const password = 'pw-123456789';
      const created = await call('POST', '/api/users', { email, name: role, role, password });
      expect(created.status).toBe(201);
      const login = await call('POST', '/api/auth/login', { email, password });
      return (login.body.data as { token: string }).token;
    },

    /** Realtime state events kept in the event log so far (GET /api/events). */
    async loggedEvents<D>(): Promise<{ event: string; data: D }[]> {
      const page = await call('GET', '/api/events?after_id=0&limit=1000');
      return (page.body.data as { events: { event: string; data: D }[] }).events;
    },
  };
}
