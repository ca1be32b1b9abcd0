import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, getData } from '../src/api/http.js';

// The unit-test project has no path aliases: point the app's @contracts imports at the real files.

const ThingSchema = z.object({ id: z.number() });

function answer(status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(text, { status }))),
  );
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error: unknown = await promise.then(
    () => null,
    (cause: unknown) => cause,
  );
  if (!(error instanceof ApiRequestError))
    throw new Error(`expected ApiRequestError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getData', () => {
  it('returns the validated data of an ok envelope', async () => {
    answer(200, { status: 'ok', data: { id: 3 } });
    await expect(getData('/api/thing', ThingSchema)).resolves.toEqual({ id: 3 });
    expect(fetch).toHaveBeenCalledWith('/api/thing', { headers: { Accept: 'application/json' } });
  });

  it('turns an error envelope into an ApiRequestError with its code', async () => {
    answer(401, { status: 'error', code: 'unauthenticated', message: 'Not signed in' });
    const error = await failure(getData('/api/thing', ThingSchema));
    expect(error).toMatchObject({
      code: 'unauthenticated',
      message: 'Not signed in',
      httpStatus: 401,
    });
  });

  it('rejects data that does not match the schema', async () => {
    answer(200, { status: 'ok', data: { id: 'three' } });
    const error = await failure(getData('/api/thing', ThingSchema));
    expect(error).toMatchObject({ code: 'invalid_response', httpStatus: 200 });
  });

  it('reports a non-JSON failure by its status', async () => {
    answer(500, '<html>Internal error</html>');
    const error = await failure(getData('/api/thing', ThingSchema));
    expect(error).toMatchObject({ code: 'invalid_response', message: 'HTTP 500', httpStatus: 500 });
  });

  it('reads a gateway failure of a proxy in front of the core as unreachable', async () => {
    answer(502, '<html>Bad gateway</html>');
    const error = await failure(getData('/api/thing', ThingSchema));
    expect(error).toMatchObject({ code: 'network_error', httpStatus: 502 });
  });

  it('reports an unreachable core as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(getData('/api/thing', ThingSchema));
    expect(error).toMatchObject({
      code: 'network_error',
      message: 'Failed to fetch',
      httpStatus: null,
    });
  });
});
