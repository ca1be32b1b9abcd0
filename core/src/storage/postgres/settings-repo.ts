import type pg from 'pg';
import type { SettingRecord, SettingsRepo } from '../settings-types.js';
import { selectList } from './rows.js';

const COLUMNS = selectList<SettingRecord>({
  key: true,
  value: true,
  updatedAt: true,
  updatedBy: true,
});

export class PostgresSettingsRepo implements SettingsRepo {
  constructor(private readonly pool: pg.Pool) {}

  async get(key: string): Promise<SettingRecord | null> {
    const result = await this.pool.query<SettingRecord>(
      `SELECT ${COLUMNS} FROM settings WHERE key = $1`,
      [key],
    );
    return result.rows[0] ?? null;
  }

  async put(
    key: string,
    value: unknown,
    updatedBy: string | null,
    now: number,
  ): Promise<SettingRecord> {
    // Sent as JSON text: pg would turn a JS array into a PostgreSQL array.
    const result = await this.pool.query<SettingRecord>(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by
       RETURNING ${COLUMNS}`,
      [key, JSON.stringify(value ?? null), now, updatedBy],
    );
    return result.rows[0]!;
  }

  /** Keys in bytewise order (the C collation), as SQLite sorts them. */
  async list(): Promise<SettingRecord[]> {
    const result = await this.pool.query<SettingRecord>(
      `SELECT ${COLUMNS} FROM settings ORDER BY key COLLATE "C"`,
    );
    return result.rows;
  }

  async delete(key: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM settings WHERE key = $1', [key]);
    return (result.rowCount ?? 0) > 0;
  }
}
