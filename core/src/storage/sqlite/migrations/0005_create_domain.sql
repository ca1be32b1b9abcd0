-- The domain: greenhouse and zone settings, channel role bindings, the plant and nutrient
-- catalog, recipes with revisions and phases, grow cycles with their phase snapshots and
-- transitions (reference-domain.md §2–§3). Deletes are refused (foreign keys without cascade)
-- while history refers to a row; only a zone's bindings and a recipe's own revisions cascade.
ALTER TABLE greenhouses ADD COLUMN description TEXT;
ALTER TABLE greenhouses ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE greenhouses SET updated_at = created_at;

ALTER TABLE zones ADD COLUMN description TEXT;
ALTER TABLE zones ADD COLUMN control_mode TEXT NOT NULL DEFAULT 'auto'
  CHECK (control_mode IN ('auto', 'semi', 'manual'));
-- Written by automation only (idle, tank_filling, tank_recirc, ready, irrigating).
ALTER TABLE zones ADD COLUMN workflow_phase TEXT NOT NULL DEFAULT 'idle';
ALTER TABLE zones ADD COLUMN topology TEXT NOT NULL DEFAULT 'two_tank'
  CHECK (topology IN ('two_tank', 'single_tank'));
ALTER TABLE zones ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
ALTER TABLE zones ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE zones SET updated_at = created_at;
CREATE INDEX zones_greenhouse ON zones (greenhouse_id);

-- Which node channel plays which role in a zone: one channel per role, one role per channel.
CREATE TABLE zone_channel_bindings (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  node_id INTEGER NOT NULL REFERENCES nodes (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (zone_id, role),
  UNIQUE (node_id, channel)
) STRICT;

-- A binding names a node bound to its zone: when the node leaves the zone, its bindings go.
CREATE TRIGGER zone_channel_bindings_follow_node AFTER UPDATE OF zone_id ON nodes
  WHEN NEW.zone_id IS NOT OLD.zone_id
BEGIN
  DELETE FROM zone_channel_bindings WHERE node_id = NEW.id;
END;

CREATE TABLE plants (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  species TEXT,
  variety TEXT,
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE nutrient_products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  manufacturer TEXT,
  component TEXT NOT NULL CHECK (component IN ('npk', 'calcium', 'magnesium', 'micro')),
  description TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE recipes (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  plant_id INTEGER REFERENCES plants (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Only a DRAFT is editable; a PUBLISHED revision is immutable and the only kind a cycle uses.
CREATE TABLE recipe_revisions (
  id INTEGER PRIMARY KEY,
  recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
  revision_number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
  description TEXT,
  published_at INTEGER,
  archived_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (recipe_id, revision_number)
) STRICT;

-- Phase templates: the flat target columns of reference-domain.md §3.2.
CREATE TABLE recipe_phases (
  id INTEGER PRIMARY KEY,
  revision_id INTEGER NOT NULL REFERENCES recipe_revisions (id) ON DELETE CASCADE,
  phase_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  ph_target REAL NOT NULL,
  ph_min REAL NOT NULL,
  ph_max REAL NOT NULL,
  ec_target REAL NOT NULL,
  ec_min REAL NOT NULL,
  ec_max REAL NOT NULL,
  nutrient_npk_ratio_pct REAL,
  nutrient_calcium_ratio_pct REAL,
  nutrient_magnesium_ratio_pct REAL,
  nutrient_micro_ratio_pct REAL,
  nutrient_npk_product_id INTEGER REFERENCES nutrient_products (id),
  nutrient_calcium_product_id INTEGER REFERENCES nutrient_products (id),
  nutrient_magnesium_product_id INTEGER REFERENCES nutrient_products (id),
  nutrient_micro_product_id INTEGER REFERENCES nutrient_products (id),
  irrigation_mode TEXT CHECK (irrigation_mode IN ('SUBSTRATE', 'RECIRC')),
  irrigation_interval_sec INTEGER,
  irrigation_duration_sec INTEGER,
  lighting_photoperiod_hours REAL,
  lighting_start_time TEXT,
  temp_air_day REAL,
  temp_air_night REAL,
  humidity_day REAL,
  humidity_night REAL,
  duration_hours REAL,
  duration_days REAL,
  day_night_enabled INTEGER NOT NULL DEFAULT 0 CHECK (day_night_enabled IN (0, 1)),
  day_night TEXT,
  UNIQUE (revision_id, phase_index)
) STRICT;

CREATE TABLE grow_cycles (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones (id),
  recipe_revision_id INTEGER NOT NULL REFERENCES recipe_revisions (id),
  plant_id INTEGER REFERENCES plants (id),
  status TEXT NOT NULL CHECK (status IN ('PLANNED', 'RUNNING', 'PAUSED', 'HARVESTED', 'ABORTED')),
  batch_label TEXT,
  notes TEXT,
  current_phase_index INTEGER NOT NULL,
  phase_started_at INTEGER,
  planting_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  actual_harvest_at INTEGER,
  yield_kg REAL,
  -- The end-of-recipe review alert was raised for the current phase (raised once).
  recipe_completed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- At most one active cycle per zone (reference-domain.md §2.2).
CREATE UNIQUE INDEX grow_cycles_one_active ON grow_cycles (zone_id)
  WHERE status IN ('PLANNED', 'RUNNING', 'PAUSED');
CREATE INDEX grow_cycles_zone ON grow_cycles (zone_id, id);
CREATE INDEX grow_cycles_status ON grow_cycles (status);

-- The cycle's own copy of its recipe's phases: later recipe changes never reach a running cycle.
-- Product ids are kept as copied (no foreign key: the snapshot is history).
CREATE TABLE grow_cycle_phases (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES grow_cycles (id) ON DELETE CASCADE,
  phase_index INTEGER NOT NULL,
  source_phase_id INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  name TEXT NOT NULL,
  ph_target REAL NOT NULL,
  ph_min REAL NOT NULL,
  ph_max REAL NOT NULL,
  ec_target REAL NOT NULL,
  ec_min REAL NOT NULL,
  ec_max REAL NOT NULL,
  nutrient_npk_ratio_pct REAL,
  nutrient_calcium_ratio_pct REAL,
  nutrient_magnesium_ratio_pct REAL,
  nutrient_micro_ratio_pct REAL,
  nutrient_npk_product_id INTEGER,
  nutrient_calcium_product_id INTEGER,
  nutrient_magnesium_product_id INTEGER,
  nutrient_micro_product_id INTEGER,
  irrigation_mode TEXT CHECK (irrigation_mode IN ('SUBSTRATE', 'RECIRC')),
  irrigation_interval_sec INTEGER,
  irrigation_duration_sec INTEGER,
  lighting_photoperiod_hours REAL,
  lighting_start_time TEXT,
  temp_air_day REAL,
  temp_air_night REAL,
  humidity_day REAL,
  humidity_night REAL,
  duration_hours REAL,
  duration_days REAL,
  day_night_enabled INTEGER NOT NULL DEFAULT 0 CHECK (day_night_enabled IN (0, 1)),
  day_night TEXT,
  UNIQUE (cycle_id, phase_index)
) STRICT;

CREATE TABLE grow_cycle_transitions (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES grow_cycles (id) ON DELETE CASCADE,
  trigger_type TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  from_phase_index INTEGER,
  to_phase_index INTEGER,
  actor TEXT NOT NULL,
  comment TEXT,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX grow_cycle_transitions_cycle ON grow_cycle_transitions (cycle_id, id);
