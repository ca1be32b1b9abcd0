/** One runtime settings document (times are Unix ms). */
export interface SettingRecord {
  key: string;
  /** Any JSON value; its shape is checked by the owner of the key, not by the store. */
  value: unknown;
  updatedAt: number;
  /** The audit actor of the last change (`user:3 ana`, `api-token`…); null when written by Hydro. */
  updatedBy: string | null;
}

/** Runtime settings: JSON documents by key, replaced whole. */
export interface SettingsRepo {
  get(key: string): Promise<SettingRecord | null>;
  /** Insert or replace the document under `key`; returns it as stored. */
  put(key: string, value: unknown, updatedBy: string | null, now: number): Promise<SettingRecord>;
  /** Every document, by key. */
  list(): Promise<SettingRecord[]>;
  /** False when there was nothing under `key`. */
  delete(key: string): Promise<boolean>;
}
