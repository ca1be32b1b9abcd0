-- Pump and sensor calibrations (reference-domain.md §2.3, reference-backend-ui.md §2.10).
-- A pump record is immutable: a new one for the same node channel deactivates the previous one,
-- so dosing always reads exactly one active ml_per_sec and the history stays. created_by is the
-- audit actor string. Rows follow their zone and node (cascade) like the bindings they came from.
CREATE TABLE pump_calibrations (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  role TEXT NOT NULL,
  ml_per_sec REAL NOT NULL CHECK (ml_per_sec >= 0.01 AND ml_per_sec <= 100),
  k_ms_per_ml_l REAL,
  component TEXT,
  source TEXT NOT NULL CHECK (source IN ('manual', 'run')),
  is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX pump_calibrations_zone ON pump_calibrations (zone_id, id);
-- At most one active record per node channel.
CREATE UNIQUE INDEX pump_calibrations_active ON pump_calibrations (node_id, channel)
  WHERE is_active = 1;

-- A two-point pH/EC probe calibration session; points is a JSON array of
-- {stage, reference_value, cmd_id, status, at}.
CREATE TABLE sensor_calibrations (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  role TEXT NOT NULL,
  sensor_type TEXT NOT NULL CHECK (sensor_type IN ('ph', 'ec')),
  status TEXT NOT NULL CHECK (status IN ('started', 'point_1_pending', 'point_1_done',
    'point_2_pending', 'completed', 'failed', 'cancelled')),
  points TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(points)),
  error TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER
) STRICT;
CREATE INDEX sensor_calibrations_zone ON sensor_calibrations (zone_id, id);

-- The zone command history (GET /api/zones/{id}/commands) reads commands by zone, newest first.
CREATE INDEX commands_zone ON commands (zone_id, id);
