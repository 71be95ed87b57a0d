#pragma once
// The SQLite experiment store: one file, WAL, foreign keys, schema versions by
// PRAGMA user_version. Every run and every metric point lands here the moment it exists.
// Torch-free header.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "train/progress.h"

struct sqlite3;

namespace pwb::store {

enum class RunStatus { Queued, Running, Finished, Failed, Cancelled, Interrupted };
std::string toString(RunStatus status);
RunStatus runStatusFromString(const std::string& text);

struct RunRecord {
  std::int64_t id = 0;
  std::string kind;  // "pretrain", "design", "tuning"
  std::string name;
  std::string config_json;
  RunStatus status = RunStatus::Queued;
  std::string created_at;
  std::string finished_at;
  std::string message;
};

class ExperimentStore {
 public:
  static constexpr int kSchemaVersion = 1;

  // Opens (creating when missing) and migrates the database. Runs left 'running' by a process
  // that no longer exists are marked 'interrupted'. Throws std::runtime_error naming the file.
  explicit ExperimentStore(const std::filesystem::path& file);
  ~ExperimentStore();
  ExperimentStore(const ExperimentStore&) = delete;
  ExperimentStore& operator=(const ExperimentStore&) = delete;

  int schemaVersion() const;
  const std::filesystem::path& file() const { return file_; }

  std::int64_t createRun(const std::string& kind, const std::string& name, const std::string& config_json);
  void setRunStatus(std::int64_t run_id, RunStatus status, const std::string& message = {});
  // All points in one transaction.
  void appendMetrics(std::int64_t run_id, const std::vector<train::MetricPoint>& points);

  std::optional<RunRecord> run(std::int64_t run_id) const;
  std::vector<RunRecord> runs() const;
  std::vector<train::MetricPoint> metrics(std::int64_t run_id, const std::string& split,
                                          const std::string& name) const;

 private:
  void migrate();
  void markInterruptedRuns();

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

}  // namespace pwb::store
