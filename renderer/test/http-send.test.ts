import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, apiUrl, sendData, setSessionLostHandler } from '../src/api/http.js';

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSessionLostHandler(null);
});

describe('sendData', () => {
  it('sends JSON and returns the validated data', async () => {
    const fetchMock = answer(202, { status: 'ok', data: { id: 4 } });
    await expect(
      sendData('POST', '/api/things', { name: 'x' }, z.object({ id: z.number() })),
    ).resolves.toEqual({ id: 4 });
    expect(fetchMock).toHaveBeenCalledWith('/api/things', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"name":"x"}',
    });
  });

  it('sends no body and no content type when there is nothing to send', async () => {
    const fetchMock = answer(200, { status: 'ok', data: null });
    await sendData('POST', '/api/auth/logout', undefined, z.null());
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/logout', {
      method: 'POST',
      headers: { Accept: 'application/json' },
    });
  });

  it('carries the per-field messages of a validation failure', async () => {
    answer(422, {
      status: 'error',
      code: 'validation_failed',
      message: 'The request is invalid',
      errors: { email: ['must be an email address'] },
    });
    const error: unknown = await sendData('POST', '/api/setup/admin', {}, z.unknown()).catch(
      (cause: unknown) => cause,
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      httpStatus: 422,
      fieldErrors: { email: ['must be an email address'] },
    });
  });

  it('reports a lost session, but not a failed sign-in', async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    answer(401, { status: 'error', code: 'invalid_credentials', message: 'wrong' });
    await sendData('POST', '/api/auth/login', {}, z.unknown()).catch(() => undefined);
    expect(lost).not.toHaveBeenCalled();
    answer(401, { status: 'error', code: 'unauthenticated', message: 'no' });
    await sendData('POST', '/api/nodes/1/commands', {}, z.unknown()).catch(() => undefined);
    expect(lost).toHaveBeenCalledOnce();
  });
});

describe('apiUrl', () => {
  it('encodes query parameters', () => {
    expect(apiUrl('/api/x', { series: '1:ph_sensor,2:ec', from: 5 })).toBe(
      '/api/x?series=1%3Aph_sensor%2C2%3Aec&from=5',
    );
  });
});
