/** How one attempt went, and whether trying again later may help. */
export interface Delivery {
  ok: boolean;
  /** The receiver's HTTP status, when it answered at all. */
  status: number | null;
  /** What went wrong, in words a grower can act on; never contains secrets. */
  error: string | null;
  retryable: boolean;
}

/** A receiver that takes longer than this is treated as down (the attempt is retried later). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Only the start of an error answer is read, for its message. */
const MAX_ERROR_BYTES = 2048;

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/**
 * POST a JSON body with Node's fetch. Never throws: every outcome is a Delivery. Redirects are not
 * followed (a signed delivery must reach the configured receiver, not wherever it points). 5xx,
 * 408, 429 and network failures are worth retrying; other answers will not change by waiting.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<Delivery> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Hydro', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    });
  } catch (error) {
    return { ok: false, status: null, error: describeFetchError(error, url), retryable: true };
  }
  const { status } = response;
  if (response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, status, error: null, retryable: false };
  }
  const detail = errorDetail(await readStart(response));
  const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
  return {
    ok: false,
    status,
    error: `HTTP ${status}${redirect}${detail ? `: ${detail}` : ''}`,
    retryable: status >= 500 || status === 408 || status === 429,
  };
}

/** Names the host only: a webhook URL's path or a Bot API path can itself be a secret. */
export function describeFetchError(error: unknown, url: string): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError') return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
  if (name === 'AbortError') return 'cancelled: Hydro is stopping';
  const host = new URL(url).host;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code !== undefined && NETWORK_ERRORS[code] !== undefined) {
    return `cannot reach ${host}: ${NETWORK_ERRORS[code]} (${code})`;
  }
  if (code?.includes('CERT') || code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL')) {
    return `cannot reach ${host}: TLS certificate problem (${code})`;
  }
  return `cannot reach ${host}: ${code ?? cause?.message ?? (error as Error).message}`;
}

async function readStart(response: Response): Promise<string> {
  // Typed `any` chunks in undici's declarations; fetch bodies are bytes.
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ERROR_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The answer's status is what matters; a body cut short just loses its detail.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BYTES).toString('utf8');
}

/** The message of a JSON error answer (`description`, as the Bot API sends), or the text. */
function errorDetail(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    const json = JSON.parse(trimmed) as Record<string, unknown>;
    for (const key of ['description', 'message', 'error']) {
      if (typeof json[key] === 'string') return oneLine(json[key]);
    }
  } catch {
    // Not JSON: the text itself.
  }
  return oneLine(trimmed);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
