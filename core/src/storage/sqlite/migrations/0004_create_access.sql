-- Access control: user accounts, browser sessions, personal API tokens and the audit log.
-- Secrets are never stored: sessions and tokens keep only the SHA-256 of the random value the
-- client holds, passwords a salted scrypt hash (core/src/access/passwords.ts).
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'agronomist', 'engineer', 'operator', 'viewer')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Browser sessions; the idle lifetime is measured from last_used_at.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

-- Personal API tokens (bearer); revoked rows are kept so the owner sees when it happened.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);

-- Who changed what. actor is a display string ("user:3 alice@x", "api-token", "local-admin") so
-- entries outlive deleted users; target_id is text because targets are keyed by id or uid.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  diff TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
