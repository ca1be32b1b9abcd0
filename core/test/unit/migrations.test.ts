import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StorageRefusedError } from '../../src/runtime/errors.js';
import { currentVersion, loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';

const m = (version: number, sql: string) => ({ version, name: `m${version}`, sql });

describe('sqlite migrations', () => {
  it('applies pending migrations in order, once', () => {
    const db = new BetterSqlite3(':memory:');
    const list = [m(1, 'CREATE TABLE a (x INTEGER)'), m(2, 'ALTER TABLE a ADD COLUMN y INTEGER')];
    expect(migrate(db, list)).toEqual({ from: 0, to: 2 });
    expect(migrate(db, list)).toEqual({ from: 2, to: 2 });
    expect(currentVersion(db)).toBe(2);
    db.prepare('INSERT INTO a (x, y) VALUES (1, 2)').run();
  });

  it('rolls back a failing migration and keeps earlier ones', () => {
    const db = new BetterSqlite3(':memory:');
    const list = [
      m(1, 'CREATE TABLE a (x INTEGER)'),
      m(2, 'CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER)'),
    ];
    expect(() => migrate(db, list)).toThrow(/already exists/);
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
  });

  it('refuses a database from a newer Hydro', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [m(1, 'SELECT 1'), m(2, 'SELECT 1')]);
    expect(() => migrate(db, [m(1, 'SELECT 1')])).toThrow(StorageRefusedError);
    expect(() => migrate(db, [m(1, 'SELECT 1')])).toThrow(/schema version 2 is newer .*\(1\)/);
  });

  it('loads the shipped migrations, numbered from 1 without gaps', () => {
    const list = loadMigrations();
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((x) => x.version)).toEqual(list.map((_, i) => i + 1));
  });

  it('rejects a gap in numbering', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydro-mig-'));
    writeFileSync(join(dir, '0001_create_a.sql'), 'SELECT 1');
    writeFileSync(join(dir, '0003_create_c.sql'), 'SELECT 1');
    expect(() => loadMigrations(dir)).toThrow(/gap or duplicate at 3_create_c/);
  });
});
