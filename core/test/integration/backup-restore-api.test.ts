import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../helpers/core-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

interface Envelope<T> {
  status: string;
  data: T;
  code?: string;
  message?: string;
}

type Backup = { name: string };
type Greenhouse = { uid: string };

async function greenhouseUids(h: Harness): Promise<string[]> {
  const res = await h.api<Envelope<Greenhouse[]>>('GET', '/api/greenhouses');
  expect(res.status).toBe(200);
  return res.body.data.map((g) => g.uid).sort();
}

/** The restart has begun, then every component runs again on the restored store. */
async function waitRestarted(h: Harness): Promise<void> {
  const states: string[] = [];
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const state = h.core.health().state;
    states.push(state);
    if (states.includes('stopping') && state !== 'stopping' && state !== 'starting') return;
  }
  throw new Error(`the core did not come back after the restore: ${states.join(' ')}`);
}

describe('restore through the API', () => {
  it('puts a backup back while running, restarting every component onto it', async () => {
    harness = await startCore();
    const h = harness;
    const created = await h.api('POST', '/api/greenhouses', {
      uid: 'gh-kept',
      name: 'Kept',
      timezone: 'UTC',
    });
    expect(created.status).toBe(201);
    const backup = await h.api<Envelope<Backup>>('POST', '/api/backups');
    expect(backup.status).toBe(201);
    await h.api('POST', '/api/greenhouses', { uid: 'gh-later', name: 'Later', timezone: 'UTC' });
    expect(await greenhouseUids(h)).toEqual(['gh-kept', 'gh-later']);

    const restore = await h.api<Envelope<{ name: string; schema_version: number }>>(
      'POST',
      `/api/backups/${backup.body.data.name}/restore`,
    );
    expect(restore.status).toBe(202);
    expect(restore.body.data.name).toBe(backup.body.data.name);
    await waitRestarted(h);

    expect(await greenhouseUids(h)).toEqual(['gh-kept']);
    const listed = await h.api<Envelope<Backup[]>>('GET', '/api/backups');
    // The store it replaced is kept as a pre-restore backup, nothing is lost.
    expect(listed.body.data.some((b) => b.name.includes('pre-restore'))).toBe(true);
    const audit = await h.api<Envelope<{ action: string }[]>>('GET', '/api/audit?limit=100');
    expect(audit.body.data.map((e) => e.action)).toContain('backup.restore');
  });

  it('refuses a corrupt backup and an unknown name before anything stops', async () => {
    harness = await startCore();
    const h = harness;
    const backup = await h.api<Envelope<Backup>>('POST', '/api/backups');
    const file = join(h.dataDir, 'backups', backup.body.data.name);
    const corrupt = file.replace('.db', '-corrupt.db');
    copyFileSync(file, corrupt);
    writeFileSync(corrupt, Buffer.alloc(4096, 0x41), { flag: 'r+' });
    const corruptName = corrupt.split('/').at(-1)!;
    const listed = await h.api<Envelope<Backup[]>>('GET', '/api/backups');
    expect(listed.body.data.map((b) => b.name)).toContain(corruptName);

    const refused = await h.api<Envelope<null>>('POST', `/api/backups/${corruptName}/restore`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('storage_corrupt');
    const unknown = await h.api<Envelope<null>>('POST', '/api/backups/nope.db/restore');
    expect(unknown.status).toBe(404);
    // Nothing restarted: the core kept answering throughout.
    expect(h.core.health().components.every((c) => c.state !== 'stopped')).toBe(true);
    expect((await h.api('GET', '/api/greenhouses')).status).toBe(200);
  });
});
