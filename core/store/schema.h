#pragma once
// The store's schema as an ordered list of migrations: migration i takes the database from
// user_version i to i+1. Never edit a shipped migration; append a new one.

#include <array>

namespace pwb::store {

inline constexpr std::array<const char*, 2> kMigrations = {
    // 0 -> 1: runs and their metric curves.
    R"sql(
CREATE TABLE runs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  name         TEXT NOT NULL,
  config_json  TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN
                 ('queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted')),
  owner_pid    INTEGER,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  started_at   TEXT,
  finished_at  TEXT,
  message      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE metric_points (
  run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split        TEXT NOT NULL,
  name         TEXT NOT NULL,
  step         INTEGER NOT NULL,
  value        REAL NOT NULL,
  wall_seconds REAL NOT NULL,
  tokens_seen  INTEGER NOT NULL,
  PRIMARY KEY (run_id, split, name, step)
) WITHOUT ROWID;
)sql",
    // 1 -> 2: experiments, run facts, per-example predictions, artifact files, a log.
    // Facts unknown for older runs stay NULL (never a made-up zero); code_version '' = unknown.
    R"sql(
CREATE TABLE experiments (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  spec_path    TEXT NOT NULL DEFAULT '',
  spec_json    TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
ALTER TABLE runs ADD COLUMN experiment_id INTEGER REFERENCES experiments(id) ON DELETE SET NULL;
ALTER TABLE runs ADD COLUMN seed INTEGER;
ALTER TABLE runs ADD COLUMN peak_memory_bytes INTEGER;
ALTER TABLE runs ADD COLUMN trainable_params INTEGER;
ALTER TABLE runs ADD COLUMN total_params INTEGER;
ALTER TABLE runs ADD COLUMN code_version TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_by_experiment ON runs(experiment_id);
-- A rowid table (unlike metric_points): rows come back in the order they were stored.
CREATE TABLE predictions (
  run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  split        TEXT NOT NULL,
  example_id   TEXT NOT NULL,
  gold         TEXT NOT NULL,
  predicted    TEXT NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  scores_json  TEXT NOT NULL DEFAULT '{}',
  rationale    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, split, example_id)
);
CREATE TABLE artifacts (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('adapter', 'checkpoint', 'export')),
  path         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  bytes        INTEGER NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX artifacts_by_run ON artifacts(run_id);
CREATE TABLE log_events (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER REFERENCES runs(id) ON DELETE CASCADE,
  time         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  level        TEXT NOT NULL CHECK (level IN ('info', 'warning', 'error')),
  message      TEXT NOT NULL
);
CREATE INDEX log_events_by_run ON log_events(run_id, id);
)sql",
};

}  // namespace pwb::store
