import { z } from 'zod';
import type { Capability } from '../contracts/capabilities.js';
import { ApiErrorSchema, okEnvelope } from '../contracts/envelope.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: a capability (core/src/contracts/capabilities.ts), any signed-in caller,
 * or anyone (`public`).
 */
export type Access = Capability | 'signed-in' | 'public';

export interface RouteSchemas {
  query?: z.ZodType;
  body?: z.ZodType;
  /** The `data` of the `{ status: "ok", data }` envelope. */
  data?: z.ZodType;
  /** A whole response body that is not the plain envelope (paginated lists, files). */
  response?: z.ZodType;
  /** Media type of a non-JSON answer (`text/csv`, `text/plain`…). */
  produces?: string;
  /** Success status when not 200. */
  status?: number;
}

export interface ApiRoute extends RouteSchemas {
  method: Method;
  /** OpenAPI form: `/api/nodes/{id}`. */
  path: string;
  summary: string;
  access: Access;
}

const route =
  (method: Method) =>
  (path: string, summary: string, access: Access, schemas: RouteSchemas = {}): ApiRoute => ({
    method,
    path,
    summary,
    access,
    ...schemas,
  });

/** One-line route declarations for core/src/api/openapi-routes.ts. */
export const get = route('GET');
export const post = route('POST');
export const put = route('PUT');
export const patch = route('PATCH');
export const del = route('DELETE');

/** Fastify's `/api/nodes/:id` in OpenAPI's form, `/api/nodes/{id}`. */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Transforms and refinements have no JSON Schema form; the zod schema stays the authority.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const AUTHENTICATED = [{ bearer: [] }, { desktopSession: [] }, { loginSession: [] }];

function parameters(r: ApiRoute): JsonSchema[] {
  const path = [...r.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!r.query) return path;
  const query = jsonSchema(r.query, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function success(r: ApiRoute): JsonSchema {
  if (r.produces) {
    return { description: 'OK', content: { [r.produces]: { schema: { type: 'string' } } } };
  }
  const body = r.response ?? (r.data ? okEnvelope(r.data) : undefined);
  return {
    description: r.status === 101 ? 'Switching to the WebSocket protocol' : 'OK',
    ...(body ? { content: { 'application/json': { schema: jsonSchema(body, 'output') } } } : {}),
  };
}

function operation(r: ApiRoute): JsonSchema {
  return {
    operationId: `${r.method.toLowerCase()}${r.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    summary: r.summary,
    tags: [r.path.split('/')[2] ?? 'api'],
    'x-access': r.access,
    security: r.access === 'public' ? [] : AUTHENTICATED,
    parameters: parameters(r),
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(r.status ?? 200)]: success(r),
      default: {
        description: 'Error envelope (reference-backend-ui.md §2.0)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
}

/** The OpenAPI 3.1 document of `routes`, generated from their zod schemas. */
export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of routes) (paths[r.path] ??= {})[r.method.toLowerCase()] = operation(r);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hydro API',
      version,
      description:
        'Every /api route but health and login needs a caller: the static HYDRO_API_TOKEN or a personal token as a bearer token, or a session cookie. `x-access` names the capability a route needs.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ApiErrorSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        desktopSession: { type: 'apiKey', in: 'cookie', name: 'hydro_desktop' },
        loginSession: { type: 'apiKey', in: 'cookie', name: 'hydro_session' },
      },
    },
  };
}
