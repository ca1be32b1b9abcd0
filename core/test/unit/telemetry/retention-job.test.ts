import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import { RetentionJob } from '../../../src/telemetry/retention-job.js';
import { nodeInput, sample } from '../../contract/records.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const policy = { rawDays: 30, minuteDays: 90, hourDays: 730, dayDays: null };

async function setup() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const node = await storage.nodes.create(nodeInput(1));
  const clock = new FakeClock(Date.UTC(2026, 10, 27));
  const job = new RetentionJob({
    history: () => storage.telemetryHistory,
    policy,
    clock,
    logger: silentLogger(),
  });
  // One raw sample per hour over the last 40 days.
  const samples = Array.from({ length: 40 * 24 }, (_, i) =>
    sample(node.id, 'ph', clock.now() - 40 * DAY + i * HOUR, i),
  );
  await storage.telemetry.insertSamples(samples);
  /** Raw samples still stored. */
  const raw = async () => {
    const rows = [];
    for await (const row of storage.telemetryHistory.rows(node.id, 'ph', 0, clock.now() + DAY))
      rows.push(row);
    return rows.length;
  };
  return { storage, clock, job, raw };
}

describe('retention job', () => {
  it('applies the policy at start and then hourly, reporting what it deleted', async () => {
    const { clock, job, raw } = await setup();
    expect(job.status().detail).toBe('raw 30 d, 1 min 90 d, 1 h 730 d, 1 d ∞');
    await job.start();
    await expect.poll(() => job.status().metrics.last_deleted_rows).toBe(10 * 24);
    expect(job.status().metrics.last_run).toBe(clock.now());
    expect(await raw()).toBe(30 * 24);
    // An hour later the next run takes the hour that has fallen out of the window.
    clock.advance(HOUR);
    await expect.poll(() => job.status().metrics.last_run).toBe(clock.now());
    expect(job.status().metrics.last_deleted_rows).toBe(1);
    expect(await raw()).toBe(30 * 24 - 1);
    await job.stop();
    clock.advance(2 * HOUR);
    expect(await raw()).toBe(30 * 24 - 1);
  });
});
