-- The SQLite 0008_create_settings schema in PostgreSQL types: runtime settings, one JSON document
-- per key, with who changed it last. Keep both dialects' meaning identical.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text
);
