import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/storage/sqlite/migrations.js';
import { CLI, startReady, tempDataDir, type HydroProcess } from '../helpers/hydro-process.js';

let running: HydroProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

function hydro(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function greenhouses(dataDir: string, file = join(dataDir, 'hydro.db')): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT uid FROM greenhouses ORDER BY uid').all() as { uid: string }[]).map(
      (r) => r.uid,
    );
  } finally {
    db.close();
  }
}

function addGreenhouse(dataDir: string, uid: string): void {
  const db = new BetterSqlite3(join(dataDir, 'hydro.db'));
  db.prepare('INSERT INTO greenhouses (uid, name, timezone, created_at) VALUES (?, ?, ?, ?)').run(
    uid,
    uid,
    'UTC',
    Date.now(),
  );
  db.close();
}

async function initialisedDataDir(): Promise<string> {
  const started = await startReady();
  expect((await started.hydro.stop()).code).toBe(0);
  return started.dataDir;
}

describe('hydro backup and restore', () => {
  it('backs up while serve runs, refuses to restore under it, and round-trips once it stops', async () => {
    const dataDir = await initialisedDataDir();
    addGreenhouse(dataDir, 'gh-a');
    // A later --data-dir wins, so this serves the prepared dir.
    running = (await startReady(['--data-dir', dataDir])).hydro;
    const backup = hydro('backup', '--data-dir', dataDir);
    expect(backup.code, backup.stderr).toBe(0);
    const file = (JSON.parse(backup.stdout) as { file: string }).file;
    expect(existsSync(file)).toBe(true);
    const refused = hydro('restore', file, '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already using data dir/);
    expect((await running.stop()).code).toBe(0);
    running = undefined;

    addGreenhouse(dataDir, 'gh-b');
    expect(greenhouses(dataDir)).toEqual(['gh-a', 'gh-b']);
    const restored = hydro('restore', file, '--data-dir', dataDir);
    expect(restored.code, restored.stderr).toBe(0);
    expect(greenhouses(dataDir)).toEqual(['gh-a']);
    const previous = (JSON.parse(restored.stdout) as { previous_saved_as: string })
      .previous_saved_as;
    // The store that was replaced is kept, whole.
    expect(greenhouses(dataDir, previous)).toEqual(['gh-a', 'gh-b']);
  });

  it('refuses a corrupt or foreign file and leaves the store untouched', async () => {
    const dataDir = await initialisedDataDir();
    addGreenhouse(dataDir, 'gh-keep');
    const junk = join(dataDir, 'junk.db');
    writeFileSync(junk, 'definitely not sqlite '.repeat(100));
    const result = hydro('restore', junk, '--data-dir', dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/junk\.db is not a usable Hydro backup/);
    expect(greenhouses(dataDir)).toEqual(['gh-keep']);
  });

  it('refuses a backup from a newer Hydro', async () => {
    const dataDir = await initialisedDataDir();
    const newer = join(dataDir, 'newer.db');
    copyFileSync(join(dataDir, 'hydro.db'), newer);
    const db = new BetterSqlite3(newer);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')",
    ).run();
    db.close();
    const result = hydro('restore', newer, '--data-dir', dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/schema version 999, newer than this Hydro understands/);
  });

  it('takes a backup before migrating an existing database', async () => {
    const dataDir = tempDataDir();
    const db = new BetterSqlite3(join(dataDir, 'hydro.db'));
    const [first] = loadMigrations();
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    db.exec(first!.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (1, ?, 'x')").run(first!.name);
    db.close();
    const started = await startReady(['--data-dir', dataDir]);
    running = started.hydro;
    const names = readdirSync(join(dataDir, 'backups'));
    const pre = names.find((n) => n.endsWith('-pre-migration.db'));
    expect(pre).toBeDefined();
    const backupDb = new BetterSqlite3(join(dataDir, 'backups', pre!), { readonly: true });
    expect(
      (backupDb.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number })
        .v,
    ).toBe(1);
    backupDb.close();
    expect(readFileSync(join(dataDir, 'hydro.db')).length).toBeGreaterThan(0);
  });
});
