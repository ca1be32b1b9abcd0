-- Alerts (reference-domain.md §9.2): repeats of an ACTIVE alert with the same dedupe key bump
-- its count and last_seen_at instead of adding rows; the partial unique index makes that the
-- only possible outcome. Infrastructure alerts have no zone.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER REFERENCES zones (id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('biz', 'infra', 'node')),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'RESOLVED')),
  dedupe_key TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  message TEXT NOT NULL,
  details TEXT,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT
) STRICT;
CREATE UNIQUE INDEX alerts_active_key ON alerts (dedupe_key) WHERE status = 'ACTIVE';
CREATE INDEX alerts_zone_status ON alerts (zone_id, status);
CREATE INDEX alerts_status ON alerts (status, id);

-- Realtime events that carry state (device, command, alert, timeline, cycle updates), kept so a
-- client that reconnects can catch up by event_id (reference-backend-ui.md §3.4). The id is the
-- event's event_id, handed out by the realtime hub; the log is trimmed by age and row count.
CREATE TABLE event_log (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  event TEXT NOT NULL,
  zone_id INTEGER,
  capability TEXT,
  data TEXT NOT NULL,
  server_ts INTEGER NOT NULL
) STRICT;
CREATE INDEX event_log_ts ON event_log (server_ts);
