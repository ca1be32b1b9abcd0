import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startReady, type HydroProcess } from '../helpers/hydro-process.js';

let running: HydroProcess | undefined;
afterEach(async () => {
  await running?.stop();
});

async function samplesWritten(http: string): Promise<number> {
  const body = (await (await fetch(`${http}/api/health`)).json()) as {
    data: { components: { name: string; metrics: Record<string, number> }[] };
  };
  return body.data.components.find((c) => c.name === 'devices')!.metrics.samples_written!;
}

function storedSamples(dataDir: string): number {
  const db = new BetterSqlite3(join(dataDir, 'hydro.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM telemetry_samples').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('kill -9 during ingest loses at most the unflushed window; the next start checks the file and resumes', async () => {
    const first = await startReady(['--demo']);
    running = first.hydro;
    await expect
      .poll(() => samplesWritten(first.ready.http), { timeout: 30_000 })
      .toBeGreaterThan(20);
    const acknowledged = await samplesWritten(first.ready.http);
    first.hydro.child.kill('SIGKILL');
    expect((await first.hydro.exit).signal).toBe('SIGKILL');
    // Everything the core reported as written before the kill survived it.
    expect(storedSamples(first.dataDir)).toBeGreaterThanOrEqual(acknowledged);

    const second = await startReady(['--demo', '--data-dir', first.dataDir]);
    running = second.hydro;
    const health = (await (await fetch(`${second.ready.http}/api/health`)).json()) as {
      data: { state: string };
    };
    expect(health.data.state).toBe('ok');
    const before = storedSamples(first.dataDir);
    await expect
      .poll(() => samplesWritten(second.ready.http), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(storedSamples(first.dataDir)).toBeGreaterThan(before);
  });
});
