import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';

/**
 * The local PostgreSQL the contract tests run against. `GH_PG_URL` (docker profile, CI service)
 * wins; otherwise the Debian cluster is used over its unix socket, started when it is down. Each
 * test run gets its own database, dropped afterwards, and each storage a schema of its own.
 */
export interface PostgresForTests {
  /** A fresh, empty schema in this run's database; the URL makes it the search path. */
  freshSchemaUrl(): Promise<string>;
  drop(): Promise<void>;
}

const SOCKET_DIR = '/var/run/postgresql';

/**
 * A describe block that needs PostgreSQL: it gets this run's database (dropped after the block).
 * Without a server, CI (`CI=true`) fails with the reason, since it must prove both dialects; a
 * developer machine shows a visible skip instead.
 */
export async function describeWithPostgres(
  name: string,
  body: (postgres: PostgresForTests) => void,
): Promise<void> {
  const postgres = await preparePostgres();
  if (!('unavailable' in postgres)) {
    describe(name, () => {
      afterAll(() => postgres.drop());
      body(postgres);
    });
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(`PostgreSQL is required in CI: ${postgres.unavailable}`);
      });
    });
  } else {
    process.stderr.write(`${name}: skipping, ${postgres.unavailable}\n`);
    describe(name, () => {
      it.skip(`needs PostgreSQL: ${postgres.unavailable}`, () => undefined);
    });
  }
}

/** This run's database, created now; or why there is none. */
export async function preparePostgres(): Promise<PostgresForTests | { unavailable: string }> {
  const adminUrl = process.env.GH_PG_URL ?? localAdminUrl();
  if (typeof adminUrl !== 'string') return adminUrl;
  const database = `hydro_contract_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(adminUrl);
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  } catch (error) {
    return { unavailable: `cannot create a test database: ${(error as Error).message}` };
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = withDatabase(adminUrl, database);
  let schemas = 0;
  return {
    async freshSchemaUrl() {
      const schema = `t${++schemas}`;
      const client = new pg.Client(url);
      await client.connect();
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.end();
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      return scoped.toString();
    },
    async drop() {
      const client = new pg.Client(adminUrl);
      await client.connect();
      // FORCE: a pool a failed test left open must not keep the database alive.
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The Debian cluster over its socket as the OS user (peer auth), started and granted if needed. */
function localAdminUrl(): string | { unavailable: string } {
  if (!ready()) {
    const version = clusterVersion();
    if (!version) return { unavailable: 'PostgreSQL is not installed (no /usr/lib/postgresql/*)' };
    const start = spawnSync('pg_ctlcluster', [version, 'main', 'start'], { encoding: 'utf8' });
    if (!waitReady()) {
      return {
        unavailable: `pg_ctlcluster ${version} main start did not bring PostgreSQL up: ${start.stderr || start.error?.message || 'no output'}`,
      };
    }
  }
  const user = userInfo().username;
  // Peer authentication maps the OS user to the role of the same name. Root has none on a fresh
  // cluster, so the postgres superuser creates it; two test files may race to, hence the
  // duplicate_object handler.
  if (user === 'root') {
    const grant = spawnSync(
      'su',
      [
        'postgres',
        '-c',
        `psql -qc "DO \\$\\$ BEGIN CREATE ROLE root SUPERUSER LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \\$\\$"`,
      ],
      { encoding: 'utf8' },
    );
    if (grant.status !== 0) return { unavailable: `cannot create role root: ${grant.stderr}` };
  }
  return `postgresql:///postgres?host=${SOCKET_DIR}&user=${user}`;
}

function ready(): boolean {
  return spawnSync('pg_isready', ['-q', '-h', SOCKET_DIR]).status === 0;
}

function waitReady(): boolean {
  for (let i = 0; i < 30; i++) {
    if (ready()) return true;
    spawnSync('sleep', ['0.5']);
  }
  return false;
}

function clusterVersion(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .filter((v) => existsSync(`${root}/${v}/bin/postgres`))
    .sort((a, b) => Number(b) - Number(a))[0];
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
