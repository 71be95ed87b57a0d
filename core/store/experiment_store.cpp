#include "store/experiment_store.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <stdexcept>

#include "store/schema.h"
#include "store/sqlite_statement.h"

namespace pwb::store {
namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

bool processAlive(std::int64_t pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

RunRecord readRun(const Statement& row) {
  RunRecord run;
  run.id = row.integer(0);
  run.kind = row.text(1);
  run.name = row.text(2);
  run.config_json = row.text(3);
  run.status = runStatusFromString(row.text(4));
  run.created_at = row.text(5);
  run.finished_at = row.text(6);
  run.message = row.text(7);
  return run;
}

constexpr const char* kRunColumns =
    "SELECT id, kind, name, config_json, status, created_at, finished_at, message FROM runs";

}  // namespace

std::string toString(RunStatus status) {
  switch (status) {
    case RunStatus::Queued: return "queued";
    case RunStatus::Running: return "running";
    case RunStatus::Finished: return "finished";
    case RunStatus::Failed: return "failed";
    case RunStatus::Cancelled: return "cancelled";
    case RunStatus::Interrupted: return "interrupted";
  }
  return "unknown";
}

RunStatus runStatusFromString(const std::string& text) {
  for (auto status : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Failed,
                      RunStatus::Cancelled, RunStatus::Interrupted}) {
    if (toString(status) == text) return status;
  }
  throw std::invalid_argument("unknown run status '" + text + "'");
}

ExperimentStore::ExperimentStore(const std::filesystem::path& file) : file_(file) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  if (sqlite3_open_v2(file.string().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw SqliteError(file.string() + ": cannot open the experiment database: " + message);
  }
  try {
    // Another process (the GUI and `pwb` at once) may hold the write lock for a moment.
    sqlite3_busy_timeout(db_, 5000);
    execute(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    migrate();
    markInterruptedRuns();
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

ExperimentStore::~ExperimentStore() { sqlite3_close(db_); }

int ExperimentStore::schemaVersion() const {
  Statement query(db_, "PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

void ExperimentStore::migrate() {
  const int current = schemaVersion();
  if (current > kSchemaVersion) {
    throw SqliteError(file_.string() + ": the database has schema version " + std::to_string(current) +
                      ", newer than this program's " + std::to_string(kSchemaVersion) +
                      "; open it with a newer Prompt Workbench");
  }
  for (int version = current; version < kSchemaVersion; ++version) {
    Transaction transaction(db_);
    execute(db_, kMigrations[static_cast<std::size_t>(version)]);
    execute(db_, ("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
    transaction.commit();
  }
}

void ExperimentStore::markInterruptedRuns() {
  Statement running(db_, "SELECT id, owner_pid FROM runs WHERE status = 'running'");
  std::vector<std::int64_t> orphans;
  while (running.step()) {
    if (!processAlive(running.integer(1))) orphans.push_back(running.integer(0));
  }
  for (const auto id : orphans) {
    setRunStatus(id, RunStatus::Interrupted, "the process running it ended before the run finished");
  }
}

std::int64_t ExperimentStore::createRun(const std::string& kind, const std::string& name,
                                        const std::string& config_json) {
  Statement insert(db_, "INSERT INTO runs (kind, name, config_json, status) VALUES (?, ?, ?, 'queued')");
  insert.bind(1, kind).bind(2, name).bind(3, config_json).run();
  return sqlite3_last_insert_rowid(db_);
}

void ExperimentStore::setRunStatus(std::int64_t run_id, RunStatus status, const std::string& message) {
  std::string sql = "UPDATE runs SET status = ?, message = ?";
  if (status == RunStatus::Running) {
    sql += std::string(", owner_pid = ?, started_at = ") + kNow;
  } else if (status != RunStatus::Queued) {
    sql += std::string(", finished_at = ") + kNow;
  }
  sql += " WHERE id = ?";
  Statement update(db_, sql.c_str());
  update.bind(1, toString(status)).bind(2, message);
  int index = 3;
  if (status == RunStatus::Running) update.bind(index++, static_cast<std::int64_t>(::getpid()));
  update.bind(index, run_id).run();
  if (sqlite3_changes(db_) == 0) throw std::invalid_argument("no run with id " + std::to_string(run_id));
}

void ExperimentStore::appendMetrics(std::int64_t run_id, const std::vector<train::MetricPoint>& points) {
  if (points.empty()) return;
  Transaction transaction(db_);
  Statement insert(db_,
                   "INSERT OR REPLACE INTO metric_points (run_id, split, name, step, value, wall_seconds, tokens_seen) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto& point : points) {
    // SQLite would store NaN as NULL; a non-finite metric is the trainer's to report, not to store.
    if (!std::isfinite(point.value)) {
      throw std::invalid_argument("metric '" + point.name + "' at step " + std::to_string(point.step) +
                                  " is not finite");
    }
    insert.bind(1, run_id).bind(2, point.split).bind(3, point.name).bind(4, point.step).bind(5, point.value);
    insert.bind(6, point.wall_seconds).bind(7, point.tokens_seen).run();
    insert.reset();
  }
  transaction.commit();
}

std::optional<RunRecord> ExperimentStore::run(std::int64_t run_id) const {
  Statement query(db_, (std::string(kRunColumns) + " WHERE id = ?").c_str());
  query.bind(1, run_id);
  if (!query.step()) return std::nullopt;
  return readRun(query);
}

std::vector<RunRecord> ExperimentStore::runs() const {
  Statement query(db_, (std::string(kRunColumns) + " ORDER BY id").c_str());
  std::vector<RunRecord> result;
  while (query.step()) result.push_back(readRun(query));
  return result;
}

std::vector<train::MetricPoint> ExperimentStore::metrics(std::int64_t run_id, const std::string& split,
                                                         const std::string& name) const {
  Statement query(db_,
                  "SELECT step, value, wall_seconds, tokens_seen FROM metric_points "
                  "WHERE run_id = ? AND split = ? AND name = ? ORDER BY step");
  query.bind(1, run_id).bind(2, split).bind(3, name);
  std::vector<train::MetricPoint> points;
  while (query.step()) {
    points.push_back({query.integer(0), split, name, query.real(1), query.real(2), query.integer(3)});
  }
  return points;
}

}  // namespace pwb::store
