import type { Database } from 'better-sqlite3';
import type { SettingRecord, SettingsRepo } from '../settings-types.js';

const SELECT = `SELECT key, value, updated_at AS updatedAt, updated_by AS updatedBy FROM settings`;

interface SettingRow extends Omit<SettingRecord, 'value'> {
  value: string;
}

const toRecord = (row: SettingRow): SettingRecord => ({ ...row, value: JSON.parse(row.value) });

export class SqliteSettingsRepo implements SettingsRepo {
  constructor(private readonly db: Database) {}

  async get(key: string): Promise<SettingRecord | null> {
    const row = this.db.prepare(`${SELECT} WHERE key = ?`).get(key) as SettingRow | undefined;
    return row ? toRecord(row) : null;
  }

  async put(
    key: string,
    value: unknown,
    updatedBy: string | null,
    now: number,
  ): Promise<SettingRecord> {
    const row = this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by
         RETURNING key, value, updated_at AS updatedAt, updated_by AS updatedBy`,
      )
      .get(key, JSON.stringify(value ?? null), now, updatedBy) as SettingRow;
    return toRecord(row);
  }

  async list(): Promise<SettingRecord[]> {
    return (this.db.prepare(`${SELECT} ORDER BY key`).all() as SettingRow[]).map(toRecord);
  }

  async delete(key: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM settings WHERE key = ?').run(key).changes > 0;
  }
}
