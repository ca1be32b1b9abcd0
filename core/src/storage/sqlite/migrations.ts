import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { StorageRefusedError } from '../../runtime/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Numbered `NNNN_verb_object.sql` files shipped beside this module. */
export function loadMigrations(
  dir: string = fileURLToPath(new URL('./migrations/', import.meta.url)),
): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2]!,
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration numbering has a gap or duplicate at ${m.version}_${m.name}`);
  });
  return migrations;
}

/**
 * Apply pending migrations, each in its own transaction. A database written by a newer Hydro is
 * refused rather than guessed at: its schema may mean things this version does not know.
 */
export function migrate(db: Database, migrations: Migration[]): { from: number; to: number } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const from = currentVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new StorageRefusedError(
      `database schema version ${from} is newer than this Hydro understands (${latest}); ` +
        'upgrade Hydro or restore a backup made by this version',
      'storage_too_new',
    );
  }
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
  );
  for (const migration of migrations.filter((m) => m.version > from)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name);
    })();
  }
  return { from, to: Math.max(from, latest) };
}

export function currentVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}
