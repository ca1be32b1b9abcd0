import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerApi, type HttpServerOptions } from '../../../src/api/http-server.js';
import { openApiPath } from '../../../src/api/openapi.js';
import type { RealtimeHub } from '../../../src/api/realtime-hub.js';

const TOKEN = 'openapi-test-token-0123456789';

/**
 * Stands in for every dependency: registering routes only keeps their dependencies for later, it
 * calls none of them. Only the secrets are real, to fetch the document.
 */
const inert: unknown = new Proxy(() => undefined, {
  get: (_target, key) => (key === 'then' ? undefined : inert),
  apply: () => inert,
});
const options = new Proxy(
  { secrets: { apiToken: TOKEN } },
  {
    get: (target, key): unknown => (key in target ? (Reflect.get(target, key) as unknown) : inert),
  },
) as unknown as HttpServerOptions;

interface Operation {
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  'x-access': string;
}

async function registeredAndDocumented() {
  const app = Fastify();
  const registered = new Set<string>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      if (route.url.startsWith('/api/') || route.url === '/metrics') {
        registered.add(`${method} ${openApiPath(route.url)}`);
      }
    }
  });
  await registerApi(app, options, inert as RealtimeHub);
  await app.ready();
  const res = await app.inject({
    url: '/api/openapi.json',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  await app.close();
  return { registered, res };
}

describe('GET /api/openapi.json', () => {
  it('documents every registered route, and only those', async () => {
    const { registered, res } = await registeredAndDocumented();
    expect(res.statusCode).toBe(200);
    const doc = JSON.parse(res.body) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    // A route missing here: add its line to core/src/api/openapi-routes.ts.
    expect([...registered].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !registered.has(r))).toEqual([]);
    expect(registered.size).toBeGreaterThan(30);
  });

  it('carries the zod schemas of each route as JSON Schema', async () => {
    const { res } = await registeredAndDocumented();
    const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, Operation>> };
    const list = doc.paths['/api/alerts']!.get!;
    expect(list['x-access']).toBe('view');
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'zone_id', 'severity', 'code', 'page', 'per_page']),
    );
    const bulk = doc.paths['/api/alerts/resolve-bulk']!.post!;
    expect(bulk['x-access']).toBe('alerts.resolve');
    expect(JSON.stringify(bulk.requestBody)).toContain('"ids"');
    const one = doc.paths['/api/alerts/{id}']!.get!;
    expect(one.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
    expect(JSON.stringify(one.responses['200'])).toContain('"dedupe_key"');
    const snapshot = doc.paths['/api/zones/{id}/snapshot']!.get!;
    expect(JSON.stringify(snapshot.responses['200'])).toContain('"last_event_id"');
    const health = doc.paths['/api/health']!.get! as Operation & { security: unknown[] };
    expect(health.security).toEqual([]);
  });

  it('is refused to anonymous callers', async () => {
    const app = Fastify();
    await registerApi(app, options, inert as RealtimeHub);
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(401);
    await app.close();
  });
});
