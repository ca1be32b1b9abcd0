-- The newest sample per node channel; only a newer timestamp may overwrite it.
CREATE TABLE telemetry_last (
  node_id INTEGER NOT NULL REFERENCES nodes (id),
  channel TEXT NOT NULL,
  metric_type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL,
  quality TEXT NOT NULL,
  PRIMARY KEY (node_id, channel)
) STRICT, WITHOUT ROWID;

-- Rollups kept up to date as samples arrive (never by rescanning raw data): sum and count give
-- the average, and they merge exactly when coarser buckets are read.
CREATE TABLE telemetry_1m (
  node_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (node_id, channel, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_1h (
  node_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (node_id, channel, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_1d (
  node_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (node_id, channel, bucket)
) STRICT, WITHOUT ROWID;

-- Raw rows already stored before rollups existed are folded in once, here.
INSERT INTO telemetry_1m SELECT node_id, channel, ts / 60000 * 60000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY node_id, channel, ts / 60000;
INSERT INTO telemetry_1h SELECT node_id, channel, ts / 3600000 * 3600000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY node_id, channel, ts / 3600000;
INSERT INTO telemetry_1d SELECT node_id, channel, ts / 86400000 * 86400000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY node_id, channel, ts / 86400000;
INSERT INTO telemetry_last SELECT s.node_id, s.channel, s.metric_type, s.ts, s.value, s.quality
  FROM telemetry_samples s
  WHERE s.ts = (SELECT MAX(ts) FROM telemetry_samples t WHERE t.node_id = s.node_id AND t.channel = s.channel);

CREATE INDEX telemetry_samples_ts ON telemetry_samples (ts);
