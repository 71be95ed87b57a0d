#include "store/experiment_store.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
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

std::invalid_argument noSuchRun(std::int64_t run_id) {
  return std::invalid_argument("no run with id " + std::to_string(run_id));
}

// After an UPDATE or DELETE of one run by id: it must have existed.
void requireChanged(sqlite3* db, std::int64_t run_id) {
  if (sqlite3_changes(db) == 0) throw noSuchRun(run_id);
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
  run.experiment_id = row.optionalInteger(8);
  run.seed = row.optionalInteger(9);
  run.started_at = row.text(10);
  run.trainable_params = row.optionalInteger(11);
  run.total_params = row.optionalInteger(12);
  run.peak_memory_bytes = row.optionalInteger(13);
  run.code_version = row.text(14);
  return run;
}

constexpr const char* kRunColumns =
    "SELECT id, kind, name, config_json, status, created_at, finished_at, message, experiment_id, seed, started_at, "
    "trainable_params, total_params, peak_memory_bytes, code_version FROM runs";

ExperimentRecord readExperiment(const Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4)};
}

constexpr const char* kExperimentColumns = "SELECT id, name, spec_path, spec_json, created_at FROM experiments";

}  // namespace

ExperimentStore::ExperimentStore(const std::filesystem::path& file)
    : file_(file), folder_(std::filesystem::absolute(file).parent_path()) {
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

void ExperimentStore::requireRun(std::int64_t run_id) const {
  Statement query(db_, "SELECT 1 FROM runs WHERE id = ?");
  query.bind(1, run_id);
  if (!query.step()) throw noSuchRun(run_id);
}

std::int64_t ExperimentStore::createExperiment(const std::string& name, const std::string& spec_json,
                                               const std::string& spec_path) {
  Statement insert(db_, "INSERT INTO experiments (name, spec_json, spec_path) VALUES (?, ?, ?)");
  insert.bind(1, name).bind(2, spec_json).bind(3, spec_path).run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<ExperimentRecord> ExperimentStore::experiment(std::int64_t experiment_id) const {
  Statement query(db_, (std::string(kExperimentColumns) + " WHERE id = ?").c_str());
  query.bind(1, experiment_id);
  if (!query.step()) return std::nullopt;
  return readExperiment(query);
}

std::vector<ExperimentRecord> ExperimentStore::experiments() const {
  Statement query(db_, (std::string(kExperimentColumns) + " ORDER BY id").c_str());
  std::vector<ExperimentRecord> result;
  while (query.step()) result.push_back(readExperiment(query));
  return result;
}

void ExperimentStore::attachRun(std::int64_t run_id, std::int64_t experiment_id) {
  if (!experiment(experiment_id)) throw std::invalid_argument("no experiment with id " + std::to_string(experiment_id));
  Statement update(db_, "UPDATE runs SET experiment_id = ? WHERE id = ?");
  update.bind(1, experiment_id).bind(2, run_id).run();
  requireChanged(db_, run_id);
}

std::vector<RunRecord> ExperimentStore::runsOfExperiment(std::int64_t experiment_id) const {
  Statement query(db_, (std::string(kRunColumns) + " WHERE experiment_id = ? ORDER BY id").c_str());
  query.bind(1, experiment_id);
  std::vector<RunRecord> result;
  while (query.step()) result.push_back(readRun(query));
  return result;
}

std::int64_t ExperimentStore::createRun(const std::string& kind, const std::string& name,
                                        const std::string& config_json) {
  Statement insert(db_,
                   "INSERT INTO runs (kind, name, config_json, status, code_version) VALUES (?, ?, ?, 'queued', ?)");
  insert.bind(1, kind).bind(2, name).bind(3, config_json).bind(4, std::string(PWB_VERSION)).run();
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
  requireChanged(db_, run_id);
}

bool ExperimentStore::claimRun(std::int64_t run_id) {
  requireRun(run_id);
  Statement claim(db_, (std::string("UPDATE runs SET status = 'running', message = '', owner_pid = ?, started_at = ") + kNow +
                        " WHERE id = ? AND status NOT IN ('running', 'finished')")
                           .c_str());
  claim.bind(1, static_cast<std::int64_t>(::getpid())).bind(2, run_id).run();
  return sqlite3_changes(db_) == 1;
}

void ExperimentStore::recordRunFacts(std::int64_t run_id, const RunFacts& facts) {
  // COALESCE keeps what is stored where a fact is not given (bound as NULL).
  Statement update(db_,
                   "UPDATE runs SET seed = COALESCE(?, seed), trainable_params = COALESCE(?, trainable_params), "
                   "total_params = COALESCE(?, total_params), peak_memory_bytes = COALESCE(?, peak_memory_bytes), "
                   "code_version = COALESCE(?, code_version) WHERE id = ?");
  update.bind(1, facts.seed).bind(2, facts.trainable_params).bind(3, facts.total_params);
  update.bind(4, facts.peak_memory_bytes).bind(5, facts.code_version).bind(6, run_id).run();
  requireChanged(db_, run_id);
}

void ExperimentStore::deleteRun(std::int64_t run_id) {
  Statement remove(db_, "DELETE FROM runs WHERE id = ?");
  remove.bind(1, run_id).run();
  requireChanged(db_, run_id);
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

}  // namespace pwb::store
