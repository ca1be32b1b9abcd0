import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalSchema } from '../../src/contracts/auth.js';
import { ApiErrorSchema } from '../../src/contracts/envelope.js';
import { startReady, type HydroProcess } from '../helpers/hydro-process.js';

const API_TOKEN = 'api-token-0123456789abcdef';
const DESKTOP_TOKEN = 'desktop-token-0123456789abcdef';

let hydro: HydroProcess;
let base: string;
let uiDir: string;

beforeAll(async () => {
  uiDir = mkdtempSync(join(tmpdir(), 'hydro-ui-'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Hydro test shell</title>');
  writeFileSync(join(uiDir, 'app.js'), 'console.log(1)');
  const started = await startReady([], {
    HYDRO_UI_DIR: uiDir,
    HYDRO_API_TOKEN: API_TOKEN,
    HYDRO_DESKTOP_TOKEN: DESKTOP_TOKEN,
  });
  hydro = started.hydro;
  base = started.ready.http;
});
afterAll(async () => {
  expect((await hydro.stop()).code).toBe(0);
});

async function me(headers: Record<string, string>) {
  const res = await fetch(`${base}/api/auth/me`, { headers });
  return { status: res.status, body: (await res.json()) as { status: string; data?: unknown } };
}

describe('HTTP API basics', () => {
  it('recognises the desktop window session as the local admin', async () => {
    const { status, body } = await me({ cookie: `theme=dark; hydro_desktop=${DESKTOP_TOKEN}` });
    expect(status).toBe(200);
    expect(PrincipalSchema.parse(body.data)).toEqual({
      name: 'local-admin',
      role: 'admin',
      via: 'desktop',
      user_id: null,
    });
  });

  it('recognises the static API token', async () => {
    const { status, body } = await me({ authorization: `Bearer ${API_TOKEN}` });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ role: 'admin', via: 'token' });
  });

  it('answers 401 in the error envelope for no or wrong credentials', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { cookie: 'hydro_desktop=wrong' },
    ];
    for (const headers of attempts) {
      const { status, body } = await me(headers);
      expect(status).toBe(401);
      expect(ApiErrorSchema.parse(body).code).toBe('unauthenticated');
    }
  });

  it('answers unknown API paths with a 404 envelope, never the UI', async () => {
    const res = await fetch(`${base}/api/nope?x=1`);
    expect(res.status).toBe(404);
    expect(ApiErrorSchema.parse(await res.json())).toMatchObject({
      code: 'not_found',
      message: 'No route GET /api/nope',
    });
  });

  it('serves the UI and falls back to index.html for client-side routes', async () => {
    for (const path of ['/', '/zones/12', '/system']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('Hydro test shell');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const asset = await fetch(`${base}/app.js`);
    expect(await asset.text()).toBe('console.log(1)');
    writeFileSync(join(uiDir, 'rebuilt-456.js'), 'console.log(2)');
    expect(await (await fetch(`${base}/rebuilt-456.js`)).text()).toBe('console.log(2)');
    const missing = await fetch(`${base}/assets/gone-123.js`);
    expect(missing.status).toBe(404);
    expect(ApiErrorSchema.parse(await missing.json()).code).toBe('not_found');
  });

  it('takes, lists and streams backups, and serves no other file', async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const created = await fetch(`${base}/api/backups`, { method: 'POST', headers: auth });
    expect(created.status).toBe(201);
    const { data: backup } = (await created.json()) as {
      data: { name: string; size_bytes: number };
    };
    expect(backup.name).toMatch(/^hydro-\d{8}-\d{6}-manual\.db$/);
    const list = (await (await fetch(`${base}/api/backups`, { headers: auth })).json()) as {
      data: { name: string }[];
    };
    expect(list.data.map((b) => b.name)).toContain(backup.name);
    const download = await fetch(`${base}/api/backups/${backup.name}`, { headers: auth });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(bytes.length).toBe(backup.size_bytes);
    expect((await fetch(`${base}/api/backups/..%2Fhydro.db`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/backups`, { method: 'POST' })).status).toBe(401);
  });
});
