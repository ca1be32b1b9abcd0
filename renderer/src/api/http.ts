import { z } from 'zod';
import { ApiErrorSchema, okEnvelope } from '@contracts/envelope.js';

/** Code used when the controller could not be reached or answered with something unreadable. */
export const NETWORK_ERROR = 'network_error';
const INVALID_RESPONSE = 'invalid_response';

/** A failed API call, carrying the server's stable error code (reference-backend-ui.md §2.0). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly code: string,
    message: string,
    /** HTTP status, or null when no response arrived. */
    readonly httpStatus: number | null,
    /** Per-field validation messages of a 422 answer. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const GATEWAY_FAILURES = new Set([502, 503, 504]);
const OkEnvelopeSchema = okEnvelope(z.unknown());

// Told when an API call answers 401 outside the sign-in endpoints: the session ended (expired,
// signed out elsewhere) and the app should go back to the sign-in page.
let onSessionLost: (() => void) | null = null;
const SIGN_IN_PATHS = ['/api/auth/', '/api/setup/'];

export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

/** GETs a same-origin API path and returns the validated `data` of its `{status:"ok"}` envelope. */
export async function getData<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
  return readData(path, schema, () => fetch(path, { headers: { Accept: 'application/json' } }));
}

/** Sends a JSON body (or none) with a mutating method and returns the validated `data`. */
export async function sendData<T extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  schema: T,
): Promise<z.output<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return readData(path, schema, () =>
    fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

async function readData<T extends z.ZodType>(
  path: string,
  schema: T,
  call: () => Promise<Response>,
): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await call();
  } catch (cause) {
    throw new ApiRequestError(NETWORK_ERROR, describe(cause), null);
  }
  const body = await readJson(response);
  if (!response.ok) throw failureOf(path, response.status, body);
  const envelope = OkEnvelopeSchema.safeParse(body);
  const parsed = envelope.success ? schema.safeParse(envelope.data.data) : null;
  if (!parsed?.success) {
    throw new ApiRequestError(
      INVALID_RESPONSE,
      `Unexpected response from ${path}`,
      response.status,
    );
  }
  return parsed.data;
}

function failureOf(path: string, status: number, body: unknown): ApiRequestError {
  if (status === 401 && !SIGN_IN_PATHS.some((prefix) => path.startsWith(prefix))) {
    onSessionLost?.();
  }
  const failure = ApiErrorSchema.safeParse(body);
  if (failure.success) {
    const { code, message, errors } = failure.data;
    return new ApiRequestError(code, message, status, errors ?? {});
  }
  // A proxy in front of the core answers these itself when the core is down.
  const code = GATEWAY_FAILURES.has(status) ? NETWORK_ERROR : INVALID_RESPONSE;
  return new ApiRequestError(code, `HTTP ${status}`, status);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // A proxy or a crashed core can answer with HTML or nothing; the caller reports it by status.
    return null;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** A same-origin API URL with query parameters, for links the browser follows (downloads). */
export function apiUrl(path: string, query: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) params.set(key, String(value));
  return `${path}?${params.toString()}`;
}
