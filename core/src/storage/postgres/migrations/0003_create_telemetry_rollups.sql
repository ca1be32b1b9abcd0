-- The SQLite 0003_create_telemetry_rollups schema in PostgreSQL types. TimescaleDB, when the
-- server offers it, is switched on at start (timescale.ts), not here: plain tables work either way.

-- The newest sample per node channel; only a newer timestamp may overwrite it.
CREATE TABLE telemetry_last (
  node_id bigint NOT NULL REFERENCES nodes (id),
  channel text NOT NULL,
  metric_type text NOT NULL,
  ts bigint NOT NULL,
  value double precision NOT NULL,
  quality text NOT NULL,
  PRIMARY KEY (node_id, channel)
);

-- Rollups kept up to date as samples arrive (never by rescanning raw data): sum and count give
-- the average, and they merge exactly when coarser buckets are read.
CREATE TABLE telemetry_1m (
  node_id bigint NOT NULL,
  channel text NOT NULL,
  bucket bigint NOT NULL,
  min double precision NOT NULL,
  max double precision NOT NULL,
  sum double precision NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (node_id, channel, bucket)
);

CREATE TABLE telemetry_1h (LIKE telemetry_1m INCLUDING ALL);
CREATE TABLE telemetry_1d (LIKE telemetry_1m INCLUDING ALL);

-- Raw rows already stored before rollups existed are folded in once, here.
INSERT INTO telemetry_1m SELECT node_id, channel, ts / 60000 * 60000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY 1, 2, 3;
INSERT INTO telemetry_1h SELECT node_id, channel, ts / 3600000 * 3600000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY 1, 2, 3;
INSERT INTO telemetry_1d SELECT node_id, channel, ts / 86400000 * 86400000, MIN(value), MAX(value), SUM(value), COUNT(*)
  FROM telemetry_samples GROUP BY 1, 2, 3;
INSERT INTO telemetry_last
  SELECT DISTINCT ON (node_id, channel) node_id, channel, metric_type, ts, value, quality
  FROM telemetry_samples ORDER BY node_id, channel, ts DESC;

-- Retention deletes by time across all channels.
CREATE INDEX telemetry_samples_ts ON telemetry_samples (ts);
