-- Telemetry keyed by series: a raw row is (series_id, ts, value, quality) instead of repeating
-- node, zone, channel and metric names in every sample, which cut the bytes per sample from about
-- 78 to 25 (issue 3/6: ≤ 30 bytes per sample with rollups). A series is one node channel in one
-- zone with one metric type: a node moved to another zone starts a new series, so raw zone history
-- is kept. Reads by node and channel cover all of its series.
CREATE TABLE telemetry_series (
  id INTEGER PRIMARY KEY,
  node_id INTEGER NOT NULL REFERENCES nodes (id),
  zone_id INTEGER REFERENCES zones (id),
  channel TEXT NOT NULL,
  metric_type TEXT NOT NULL
) STRICT;
-- A plain UNIQUE would let two unzoned series of one channel coexist (NULLs are distinct); zone
-- ids start at 1, so 0 stands for "no zone" in the key.
CREATE UNIQUE INDEX telemetry_series_key
  ON telemetry_series (node_id, channel, ifnull(zone_id, 0), metric_type);

-- No index on ts: retention deletes series by series through the primary key. Quality is not a
-- column: nearly every sample is good, and a column would cost every row a header byte (about
-- 1.2 bytes per sample with page fill); the rare uncertain sample is listed in
-- telemetry_uncertain instead.
CREATE TABLE telemetry_samples_v7 (
  series_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (series_id, ts)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_uncertain (
  series_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  PRIMARY KEY (series_id, ts)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_1m_v7 (
  series_id INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_1h_v7 (
  series_id INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE telemetry_1d_v7 (
  series_id INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (series_id, bucket)
) STRICT, WITHOUT ROWID;

-- One series per distinct (node, channel, zone, metric) of the stored samples, numbered in the
-- order they first appeared.
CREATE TEMP TABLE legacy_series AS
  SELECT node_id, zone_id, channel, metric_type, MIN(ts) AS first_ts
  FROM telemetry_samples GROUP BY node_id, channel, zone_id, metric_type;
INSERT INTO telemetry_series (node_id, zone_id, channel, metric_type)
  SELECT node_id, zone_id, channel, metric_type FROM legacy_series ORDER BY first_ts, node_id, channel;

-- Channels whose raw samples retention already removed live on in rollups and the last value:
-- they get one series in the node's current zone.
INSERT INTO telemetry_series (node_id, zone_id, channel, metric_type)
  SELECT k.node_id, n.zone_id, k.channel, COALESCE(l.metric_type, '')
  FROM (
    SELECT node_id, channel FROM telemetry_last
    UNION SELECT node_id, channel FROM telemetry_1m
    UNION SELECT node_id, channel FROM telemetry_1h
    UNION SELECT node_id, channel FROM telemetry_1d
  ) k
  JOIN nodes n ON n.id = k.node_id
  LEFT JOIN telemetry_last l ON l.node_id = k.node_id AND l.channel = k.channel
  WHERE NOT EXISTS (
    SELECT 1 FROM telemetry_series s WHERE s.node_id = k.node_id AND s.channel = k.channel
  );

INSERT INTO telemetry_samples_v7 (series_id, ts, value)
  SELECT s.id, t.ts, t.value
  FROM telemetry_series s
  JOIN telemetry_samples t ON t.node_id = s.node_id AND t.channel = s.channel
    AND t.zone_id IS s.zone_id AND t.metric_type = s.metric_type
  ORDER BY s.id, t.ts;
-- 'good' and 'uncertain' are the only qualities ingest stores.
INSERT INTO telemetry_uncertain (series_id, ts)
  SELECT s.id, t.ts
  FROM telemetry_series s
  JOIN telemetry_samples t ON t.node_id = s.node_id AND t.channel = s.channel
    AND t.zone_id IS s.zone_id AND t.metric_type = s.metric_type
  WHERE t.quality <> 'good'
  ORDER BY s.id, t.ts;

-- An old rollup row sums one channel across whatever zones it was in, so it cannot be split by
-- series. It goes to the series that was current at the end of its bucket (the newest series whose
-- first sample is not later; the oldest series also takes everything before it). Reads merge all
-- series of a channel, so every history answer is the same as before the migration.
CREATE TEMP TABLE legacy_span AS
  SELECT id, node_id, channel,
    CASE WHEN LAG(id) OVER w IS NULL THEN -9223372036854775808 ELSE first_ts END AS valid_from,
    COALESCE(LEAD(first_ts) OVER w, 9223372036854775807) AS valid_to
  FROM (
    SELECT s.id, s.node_id, s.channel, l.first_ts
    FROM telemetry_series s
    LEFT JOIN legacy_series l ON l.node_id = s.node_id AND l.channel = s.channel
      AND l.zone_id IS s.zone_id AND l.metric_type = s.metric_type
  )
  WINDOW w AS (PARTITION BY node_id, channel ORDER BY first_ts, id);

INSERT INTO telemetry_1m_v7 (series_id, bucket, min, max, sum, count)
  SELECT p.id, r.bucket, r.min, r.max, r.sum, r.count
  FROM telemetry_1m r JOIN legacy_span p ON p.node_id = r.node_id AND p.channel = r.channel
    AND r.bucket + 59999 >= p.valid_from AND r.bucket + 59999 < p.valid_to
  ORDER BY 1, 2;
INSERT INTO telemetry_1h_v7 (series_id, bucket, min, max, sum, count)
  SELECT p.id, r.bucket, r.min, r.max, r.sum, r.count
  FROM telemetry_1h r JOIN legacy_span p ON p.node_id = r.node_id AND p.channel = r.channel
    AND r.bucket + 3599999 >= p.valid_from AND r.bucket + 3599999 < p.valid_to
  ORDER BY 1, 2;
INSERT INTO telemetry_1d_v7 (series_id, bucket, min, max, sum, count)
  SELECT p.id, r.bucket, r.min, r.max, r.sum, r.count
  FROM telemetry_1d r JOIN legacy_span p ON p.node_id = r.node_id AND p.channel = r.channel
    AND r.bucket + 86399999 >= p.valid_from AND r.bucket + 86399999 < p.valid_to
  ORDER BY 1, 2;

DROP TABLE legacy_span;
DROP TABLE legacy_series;
DROP TABLE telemetry_samples;
DROP TABLE telemetry_1m;
DROP TABLE telemetry_1h;
DROP TABLE telemetry_1d;
ALTER TABLE telemetry_samples_v7 RENAME TO telemetry_samples;
ALTER TABLE telemetry_1m_v7 RENAME TO telemetry_1m;
ALTER TABLE telemetry_1h_v7 RENAME TO telemetry_1h;
ALTER TABLE telemetry_1d_v7 RENAME TO telemetry_1d;
