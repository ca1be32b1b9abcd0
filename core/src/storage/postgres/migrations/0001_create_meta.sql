-- Installation facts that outlive upgrades (installation id, creation time).
CREATE TABLE meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

INSERT INTO meta (key, value) VALUES ('installation_id', md5(random()::text || clock_timestamp()::text));
INSERT INTO meta (key, value)
VALUES ('created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
