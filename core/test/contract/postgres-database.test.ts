import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { StorageError, StorageRefusedError } from '../../src/runtime/errors.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { PostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { loadMigrations, migrate } from '../../src/storage/postgres/migrations.js';
import { createPool } from '../../src/storage/postgres/pool.js';
import { describeWithPostgres } from '../helpers/postgres.js';

const latest = loadMigrations().at(-1)!.version;

describe('PostgresDatabase without a server', () => {
  it('refuses an unreachable server (a start refusal) naming host:port, without the password', async () => {
    // Port 1 on loopback refuses at once: nothing listens there.
    const database = new PostgresDatabase({
      url: 'postgresql://hydro:s3cret@127.0.0.1:1/hydro',
      logger: silentLogger(),
    });
    const failure = await database.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StorageRefusedError);
    expect(failure).toMatchObject({ code: 'storage_unreachable' });
    expect((failure as Error).message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1: /);
    expect((failure as Error).message).not.toContain('s3cret');
    expect(database.status().state).toBe('stopped');
    expect(() => database.storage).toThrow(StorageError);
  });
});

await describeWithPostgres('PostgresDatabase migrations', (postgres) => {
  const open = (url: string) => new PostgresDatabase({ url, logger: silentLogger() });

  it('migrates a fresh schema to the latest version once, and a restart changes nothing', async () => {
    const url = await postgres.freshSchemaUrl();
    const first = open(url);
    await first.start();
    expect(await first.readSchemaVersion()).toBe(latest);
    // No TimescaleDB on this server: plain tables, said so in the status.
    expect(first.status()).toMatchObject({
      state: 'healthy',
      metrics: { schema_version: latest, timescaledb: false },
    });
    await first.stop();
    const again = open(url);
    await again.start();
    expect(await again.readSchemaVersion()).toBe(latest);
    await again.stop();
    expect(await rowCount(url, 'schema_migrations')).toBe(latest);
    expect(await rowCount(url, 'meta')).toBe(2);
  });

  it('lets two cores start at once: the advisory lock makes one wait, each migration runs once', async () => {
    const url = await postgres.freshSchemaUrl();
    const a = open(url);
    const b = open(url);
    await Promise.all([a.start(), b.start()]);
    expect(await rowCount(url, 'schema_migrations')).toBe(latest);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('folds raw samples stored before the rollups existed into rollups and last values', async () => {
    const url = await postgres.freshSchemaUrl();
    const pool = createPool(url);
    await migrate(pool, loadMigrations().slice(0, 2));
    await pool.query(
      `INSERT INTO nodes (uid, hardware_id, type, lifecycle_state, node_secret, mqtt_password, first_seen_at, updated_at)
       VALUES ('nd-1', 'esp32-000000000001', 'ph', 'ACTIVE', 's', 'p', 0, 0)`,
    );
    const t0 = Date.UTC(2026, 10, 27);
    await pool.query(
      `INSERT INTO telemetry_samples (node_id, channel, metric_type, ts, value)
       SELECT 1, 'ph', 'PH', $1::bigint + i * 20000, i FROM generate_series(0, 5) AS i`,
      [t0],
    );
    await pool.end();
    const database = open(url);
    await database.start();
    const history = database.storage.telemetryHistory;
    const minutes = await history.series({
      nodeId: 1,
      channel: 'ph',
      fromMs: t0,
      toMs: t0 + 3 * 60_000,
      budget: 3,
    });
    expect(minutes.points).toEqual([
      { ts: t0, min: 0, avg: 1, max: 2, count: 3 },
      { ts: t0 + 60_000, min: 3, avg: 4, max: 5, count: 3 },
    ]);
    expect(await history.lastValues(1)).toEqual([
      { channel: 'ph', metric_type: 'PH', ts: t0 + 100_000, value: 5, quality: 'good' },
    ]);
    await database.stop();
  });

  it('refuses a database whose schema is newer than this build', async () => {
    const url = await postgres.freshSchemaUrl();
    const current = open(url);
    await current.start();
    await current.stop();
    await query(
      url,
      `INSERT INTO schema_migrations (version, name) VALUES (${latest + 1}, 'future')`,
    );
    const failure = await open(url)
      .start()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(StorageRefusedError);
    expect(failure).toMatchObject({ code: 'storage_too_new' });
    expect((failure as Error).message).toContain(`version ${latest + 1} is newer`);
  });
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function rowCount(url: string, table: string): Promise<number> {
  const result = await query(url, `SELECT count(*) AS n FROM ${table}`);
  return Number((result.rows[0] as { n: string }).n);
}
