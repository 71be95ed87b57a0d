#pragma once
// The store's schema as an ordered list of migrations: migration i takes the database from
// user_version i to i+1. Never edit a shipped migration; append a new one.

#include <array>

namespace pwb::store {

inline constexpr std::array<const char*, 1> kMigrations = {
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
};

}  // namespace pwb::store
