import type * as FastifyModule from 'fastify';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RoleSchema, type Role } from '../../src/contracts/auth.js';
import { can } from '../../src/contracts/capabilities.js';
import { nodeInput, seedZone } from '../contract/records.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';
import { ACCESS_MATRIX } from './access-matrix.js';

// Every Fastify instance the core builds reports its routes here, so this test sees exactly
// what the running server registers, including routes added after this file was written.
const seen = vi.hoisted(() => ({ routes: new Set<string>(), apps: [] as FastifyInstance[] }));
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof FastifyModule>();
  const create = ((options?: Parameters<typeof real.default>[0]) => {
    const app = real.default(options);
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        if (method !== 'HEAD') seen.routes.add(`${method} ${route.url}`);
    });
    seen.apps.push(app);
    return app;
  }) as typeof real.default;
  return { ...real, default: create, fastify: create };
});

const ROLES = RoleSchema.options;
let h: Harness;
let app: FastifyInstance;
const tokens = new Map<Role, string>();
let calls = 0;

/** One request through the real server's routing; each from its own address (no throttling). */
function call(method: string, url: string, token?: string, body?: unknown) {
  calls += 1;
  return app.inject({
    method: method as 'GET',
    url,
    remoteAddress: `10.77.${Math.floor(calls / 250)}.${calls % 250}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

beforeAll(async () => {
  h = await startCore();
  app = seen.apps.at(-1)!;
  for (const role of ROLES) {
    const email = `${role}@farm`;
    const password = `${role}-password`;
    const created = await call('POST', '/api/users', API_TOKEN, {
      email,
      name: role,
      role,
      password,
    });
    expect(created.statusCode, `create ${role}`).toBe(201);
    const login = await call('POST', '/api/auth/login', undefined, { email, password });
    tokens.set(role, login.json<{ data: { token: string } }>().data.token);
  }
});
afterAll(() => h.stop());

const denied = (res: LightMyRequestResponse) => res.statusCode === 401 || res.statusCode === 403;

describe('the access matrix over every registered route', () => {
  it('has a line for every route, and every line names a route', () => {
    const registered = [...seen.routes].sort();
    expect(
      registered.filter((r) => !(r in ACCESS_MATRIX)),
      'routes missing from access-matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS_MATRIX).filter((r) => !seen.routes.has(r)),
      'stale lines',
    ).toEqual([]);
  });

  it('answers 401 to anonymous callers, 403 to roles without the capability, and lets the rest in', async () => {
    const wrong: string[] = [];
    for (const route of [...seen.routes].sort()) {
      const requirement = ACCESS_MATRIX[route];
      if (requirement === undefined) continue;
      const [method, path] = route.split(' ') as [string, string];
      // Ids that exist nowhere: an allowed call ends in 404 or 422, never changes anything.
      const url = path.replace(/:\w+/g, '999999');
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};

      const anonymous = await call(method, url, undefined, body);
      const anonymousOk =
        requirement === 'public' ? !denied(anonymous) : anonymous.statusCode === 401;
      if (!anonymousOk) wrong.push(`${route} anonymous → ${anonymous.statusCode}`);
      // Public routes are not replayed per role: sign-out would end the sessions under test.
      if (requirement === 'public') continue;

      for (const role of ROLES) {
        const res = await call(method, url, tokens.get(role), body);
        const allowed = requirement === 'authenticated' || can(role, requirement);
        const ok = allowed ? !denied(res) : res.statusCode === 403;
        if (!ok) wrong.push(`${route} as ${role} → ${res.statusCode} (needs ${requirement})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('node visibility and node changes', () => {
  it('shows nodes outside any zone only to roles that adopt devices', async () => {
    const zone = await seedZone(h.core.storage, 'zn-matrix');
    const loose = await h.core.storage.nodes.create(nodeInput(0xa1));
    const bound = await h.core.storage.nodes.create(
      nodeInput(0xa2, { zoneId: zone.id, lifecycleState: 'ACTIVE' }),
    );
    const ids = async (role: Role, query = '') => {
      const res = await call('GET', `/api/nodes${query}`, tokens.get(role));
      return res
        .json<{ data: { id: number }[] }>()
        .data.map((n) => n.id)
        .filter((id) => id === loose.id || id === bound.id);
    };

    expect(await ids('viewer')).toEqual([bound.id]);
    expect(await ids('agronomist')).toEqual([loose.id, bound.id]);
    expect(await ids('engineer', '?unassigned=true')).toEqual([loose.id]);
    expect(
      (await call('GET', '/api/nodes?unassigned=true', tokens.get('operator'))).statusCode,
    ).toBe(403);
    expect((await call('GET', `/api/nodes/${loose.id}`, tokens.get('viewer'))).statusCode).toBe(
      403,
    );
    expect((await call('GET', `/api/nodes/${bound.id}`, tokens.get('viewer'))).statusCode).toBe(
      200,
    );
  });

  it('needs devices.configure to move a node to a zone, and records node changes in the audit log', async () => {
    const zone = await seedZone(h.core.storage, 'zn-audit');
    const node = await h.core.storage.nodes.create(
      nodeInput(0xb1, { zoneId: zone.id, lifecycleState: 'ACTIVE' }),
    );
    const assign = { zone_id: 999_999 };
    expect(
      (await call('PATCH', `/api/nodes/${node.id}`, tokens.get('operator'), assign)).statusCode,
    ).toBe(403);
    expect(
      (await call('PATCH', `/api/nodes/${node.id}`, tokens.get('engineer'), assign)).statusCode,
    ).not.toBe(403);

    const renamed = await call('PATCH', `/api/nodes/${node.id}`, tokens.get('operator'), {
      name: 'Tank pH',
    });
    expect(renamed.statusCode).toBe(200);
    // Refused changes (here: the node is offline) leave no audit entry.
    const detached = await call('POST', `/api/nodes/${node.id}/detach`, tokens.get('engineer'));
    expect(detached.json()).toMatchObject({ code: 'node_offline' });
    const audit = await call(
      'GET',
      `/api/audit?target_type=node&target_id=${node.id}`,
      tokens.get('admin'),
    );
    const entries = audit.json<{ data: { action: string; actor: string }[] }>().data;
    expect(entries.map((e) => e.action)).toEqual(['node.rename']);
    expect(entries[0]).toMatchObject({
      actor: expect.stringMatching(/^user:\d+ operator$/) as unknown,
      diff: { name: [null, 'Tank pH'] },
    });
  });
});
