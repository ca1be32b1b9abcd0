// The stores under test for the store benchmark: a fresh SQLite data dir or a fresh PostgreSQL
// database (the Debian cluster over its socket, started when it is down; HYDRO_BENCH_PG_URL wins).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const dist = new URL('../../../dist/core/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { SqliteDatabase } = await load('storage/sqlite/sqlite-database.js');
const { PostgresDatabase } = await load('storage/postgres/postgres-database.js');
const { silentLogger } = await load('runtime/logger.js');

export async function openSqlite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hydro-bench-store-'));
  const database = new SqliteDatabase({
    dataDir,
    logger: silentLogger(),
    now: () => Date.now(),
    backupsKept: 1,
  });
  await database.start();
  return {
    database,
    /**
     * Plain tables shaped like telemetry_samples (series-keyed) and telemetry_uncertain (the rare
     * non-good quality), for the raw-insert baseline. Rows carry their series id (`seriesId`,
     * assigned before timing), so the baseline does no lookup.
     */
    async rawInserter() {
      const Sqlite = (await import('better-sqlite3')).default;
      const db = new Sqlite(join(dataDir, 'hydro.db'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const shapeOf = (table, as) =>
        db
          .prepare('SELECT sql FROM sqlite_master WHERE name = ?')
          .get(table)
          .sql.replace(table, as);
      db.exec(shapeOf('telemetry_samples', 'bench_raw'));
      db.exec(shapeOf('telemetry_uncertain', 'bench_raw_uncertain'));
      const insert = db.prepare('INSERT INTO bench_raw (series_id, ts, value) VALUES (?, ?, ?)');
      const uncertain = db.prepare('INSERT INTO bench_raw_uncertain (series_id, ts) VALUES (?, ?)');
      const batch = db.transaction((rows) => {
        for (const s of rows) {
          insert.run(s.seriesId, s.ts, s.value);
          if (s.quality !== 'good') uncertain.run(s.seriesId, s.ts);
        }
      });
      return {
        insert: async (rows) => batch(rows),
        close: async () => {
          db.exec('DROP TABLE bench_raw; DROP TABLE bench_raw_uncertain');
          db.close();
        },
      };
    },
    async close() {
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres() {
  const adminUrl = process.env.HYDRO_BENCH_PG_URL ?? localAdminUrl();
  const name = `hydro_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = new PostgresDatabase({ url: url.toString(), logger: silentLogger() });
  await database.start();
  return {
    database,
    async rawInserter() {
      const client = new pg.Client(url.toString());
      await client.connect();
      await client.query(
        'CREATE TABLE bench_raw (LIKE telemetry_samples INCLUDING DEFAULTS INCLUDING INDEXES)',
      );
      return {
        // The fastest plain batched insert pg offers without COPY: one statement of arrays.
        insert: (rows) =>
          client.query(
            `INSERT INTO bench_raw (node_id, zone_id, channel, metric_type, ts, value, quality)
             SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::text[])`,
            [
              rows.map((s) => s.nodeId),
              rows.map((s) => s.zoneId),
              rows.map((s) => s.channel),
              rows.map((s) => s.metricType),
              rows.map((s) => s.ts),
              rows.map((s) => s.value),
              rows.map((s) => s.quality),
            ],
          ),
        close: async () => {
          await client.query('DROP TABLE bench_raw');
          await client.end();
        },
      };
    },
    async close() {
      await database.stop();
      const drop = new pg.Client(adminUrl);
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

function localAdminUrl() {
  const socket = '/var/run/postgresql';
  if (spawnSync('pg_isready', ['-q', '-h', socket]).status !== 0) {
    spawnSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'inherit' });
  }
  const user = userInfo().username;
  if (user === 'root') {
    spawnSync('su', [
      'postgres',
      '-c',
      `psql -qc "DO \\$\\$ BEGIN CREATE ROLE root SUPERUSER LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \\$\\$"`,
    ]);
  }
  return `postgresql:///postgres?host=${socket}&user=${user}`;
}
