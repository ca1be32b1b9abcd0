-- Settings the user changes at runtime (notification channels first), one JSON document per key.
-- Start-up configuration (ports, data dir, tokens) stays in config.json and the environment; these
-- are what the Settings page edits. updated_by is the audit actor string of the last change.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL,
  updated_by TEXT
) STRICT;
