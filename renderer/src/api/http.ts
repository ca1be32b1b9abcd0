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
  ) {
    super(message);
  }
}

const GATEWAY_FAILURES = new Set([502, 503, 504]);
const OkEnvelopeSchema = okEnvelope(z.unknown());

/** GETs a same-origin API path and returns the validated `data` of its `{status:"ok"}` envelope. */
export async function getData<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new ApiRequestError(NETWORK_ERROR, describe(cause), null);
  }
  const body = await readJson(response);
  if (!response.ok) {
    const failure = ApiErrorSchema.safeParse(body);
    if (failure.success) {
      throw new ApiRequestError(failure.data.code, failure.data.message, response.status);
    }
    // A proxy in front of the core answers these itself when the core is down.
    const code = GATEWAY_FAILURES.has(response.status) ? NETWORK_ERROR : INVALID_RESPONSE;
    throw new ApiRequestError(code, `HTTP ${response.status}`, response.status);
  }
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
