-- The zone automation runtime's persisted state (reference-domain.md §0, §7, §13).
-- A task is one workflow run for a zone; an `active` task is the zone's single writer, so the
-- partial unique index allows at most one per zone. payload is frozen at creation; state is the
-- workflow's memory, saved compare-and-set on version. kind is not CHECKed: new workflows must not
-- need a table rebuild. Rows follow their zone (cascade), like bindings and calibrations.
CREATE TABLE automation_tasks (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'failed', 'cancelled')),
  stage TEXT NOT NULL,
  stage_started_at INTEGER NOT NULL,
  stage_deadline_at INTEGER,
  due_at INTEGER NOT NULL,
  source TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  state TEXT NOT NULL CHECK (json_valid(state)),
  outcome TEXT,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE UNIQUE INDEX automation_tasks_one_active ON automation_tasks (zone_id)
  WHERE status = 'active';
-- The engine steps active tasks soonest due first.
CREATE INDEX automation_tasks_due ON automation_tasks (due_at, id) WHERE status = 'active';
CREATE INDEX automation_tasks_zone ON automation_tasks (zone_id, id);

-- The last instant the scheduler looked at, per zone and schedule key (catch-up after a restart).
CREATE TABLE schedule_cursors (
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (zone_id, key)
) STRICT;

-- What became of each scheduler slot. A slot may be recorded busy or skipped several times but
-- dispatched once: the key is unique among dispatched rows only.
CREATE TABLE schedule_runs (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  slot_at INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('dispatched', 'skipped', 'missed', 'busy', 'failed')),
  reason TEXT,
  task_id INTEGER REFERENCES automation_tasks (id) ON DELETE SET NULL,
  details TEXT CHECK (details IS NULL OR json_valid(details)),
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX schedule_runs_dispatched ON schedule_runs (idempotency_key)
  WHERE outcome = 'dispatched';
CREATE INDEX schedule_runs_zone_slot ON schedule_runs (zone_id, slot_at);
CREATE INDEX schedule_runs_created ON schedule_runs (created_at);

-- Per-zone memory that outlives a task (water baseline, learned gains, latches): one JSON object.
CREATE TABLE zone_runtime_state (
  zone_id INTEGER PRIMARY KEY REFERENCES zones (id) ON DELETE CASCADE,
  doc TEXT NOT NULL CHECK (json_valid(doc)),
  updated_at INTEGER NOT NULL
) STRICT;
