import type pg from 'pg';
import type { Logger } from '../../runtime/logger.js';

/** One chunk of raw samples per week (ts is Unix ms, so the interval is in ms too). */
const CHUNK_MS = 7 * 86_400_000;

/**
 * Where the server offers TimescaleDB (architecture.md §1: "TimescaleDB when present"), raw
 * samples become a hypertable chunked by time; rollups, last values and retention stay the plain
 * SQL every PostgreSQL runs. Anything that goes wrong here (the library not preloaded, no right to
 * create extensions) leaves plain tables, which work the same. Returns whether it is in use.
 * Untested in this repository's CI, which has no TimescaleDB.
 */
export async function enableTimescale(pool: pg.Pool, logger: Logger): Promise<boolean> {
  const offered = await pool.query(
    "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'",
  );
  if (offered.rowCount === 0) return false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    // The primary key (node_id, channel, ts) holds the time column, as a hypertable requires.
    await pool.query(
      `SELECT create_hypertable('telemetry_samples', 'ts', chunk_time_interval => ${CHUNK_MS}::bigint,
         migrate_data => true, if_not_exists => true)`,
    );
    return true;
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      'TimescaleDB is available but could not be enabled; raw telemetry stays in a plain table',
    );
    return false;
  }
}
