-- Greenhouses and zones: the minimum that node binding needs (a zone's uid is a topic segment).
-- The domain issue extends both tables.
CREATE TABLE greenhouses (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  greenhouse_id INTEGER NOT NULL REFERENCES greenhouses (id),
  uid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- One row per physical node (hardware_id). lifecycle_state follows reference-protocol.md §8.1;
-- zone_id is set only when a config_report from the target namespace confirms a bind.
CREATE TABLE nodes (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  hardware_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  name TEXT,
  fw_version TEXT,
  capabilities TEXT NOT NULL DEFAULT '[]',
  lifecycle_state TEXT NOT NULL,
  zone_id INTEGER REFERENCES zones (id),
  pending_zone_id INTEGER REFERENCES zones (id),
  pending_zone_set_at INTEGER,
  status TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'offline')),
  last_seen_at INTEGER,
  last_heartbeat_at INTEGER,
  uptime_seconds INTEGER,
  free_heap_bytes INTEGER,
  rssi INTEGER,
  ip TEXT,
  node_secret TEXT NOT NULL,
  mqtt_password TEXT NOT NULL,
  config TEXT,
  first_seen_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE node_channels (
  id INTEGER PRIMARY KEY,
  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  metric TEXT,
  unit TEXT,
  actuator_type TEXT,
  config TEXT NOT NULL DEFAULT '{}',
  UNIQUE (node_id, channel)
) STRICT;

-- Errors a node published; node_id is null while the node is unknown (kept by hardware_id).
CREATE TABLE node_errors (
  id INTEGER PRIMARY KEY,
  node_id INTEGER REFERENCES nodes (id) ON DELETE CASCADE,
  hardware_id TEXT,
  level TEXT NOT NULL,
  component TEXT NOT NULL,
  error_code TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX node_errors_hardware ON node_errors (hardware_id) WHERE node_id IS NULL;

-- Commands: the status machine of reference-protocol.md §7.2 (ranks only move forward).
CREATE TABLE commands (
  id INTEGER PRIMARY KEY,
  cmd_id TEXT NOT NULL UNIQUE,
  node_id INTEGER REFERENCES nodes (id),
  zone_id INTEGER REFERENCES zones (id),
  channel TEXT NOT NULL,
  cmd TEXT NOT NULL,
  params TEXT NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL CHECK (
    status IN ('QUEUED', 'SENT', 'ACK', 'DONE', 'NO_EFFECT', 'ERROR', 'INVALID', 'BUSY', 'TIMEOUT', 'SEND_FAILED')
  ),
  ts INTEGER,
  error_code TEXT,
  error_message TEXT,
  details TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  ack_at INTEGER,
  terminal_at INTEGER,
  deadline_at INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX commands_open ON commands (deadline_at) WHERE status IN ('SENT', 'ACK');
CREATE INDEX commands_node ON commands (node_id, id);

-- Raw samples as ingested; the telemetry store issue adds rollups, retention and last values.
CREATE TABLE telemetry_samples (
  node_id INTEGER NOT NULL REFERENCES nodes (id),
  zone_id INTEGER REFERENCES zones (id),
  channel TEXT NOT NULL,
  metric_type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL,
  quality TEXT NOT NULL DEFAULT 'good',
  PRIMARY KEY (node_id, channel, ts)
) STRICT, WITHOUT ROWID;

-- Node and zone events (level switches, storage_state, system events, IRR snapshots).
CREATE TABLE node_events (
  id INTEGER PRIMARY KEY,
  node_id INTEGER REFERENCES nodes (id),
  zone_id INTEGER REFERENCES zones (id),
  channel TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  ts INTEGER NOT NULL
) STRICT;
CREATE INDEX node_events_zone ON node_events (zone_id, id);
