#pragma once
// The SQLite experiment store: one file, WAL, foreign keys, schema versions by
// PRAGMA user_version. Every run, metric point, prediction, artifact file and log event lands
// here the moment it exists.
// Torch-free header.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"
#include "train/progress.h"

struct sqlite3;

namespace pwb::store {

class ExperimentStore {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens (creating when missing) and migrates the database. Runs left 'running' by a process
  // that no longer exists are marked 'interrupted'. Throws std::runtime_error naming the file.
  explicit ExperimentStore(const std::filesystem::path& file);
  ~ExperimentStore();
  ExperimentStore(const ExperimentStore&) = delete;
  ExperimentStore& operator=(const ExperimentStore&) = delete;

  int schemaVersion() const;
  const std::filesystem::path& file() const { return file_; }

  // Experiments: a named group of runs made from one experiment spec.
  std::int64_t createExperiment(const std::string& name, const std::string& spec_json,
                                const std::string& spec_path = {});
  std::optional<ExperimentRecord> experiment(std::int64_t experiment_id) const;
  std::vector<ExperimentRecord> experiments() const;
  void attachRun(std::int64_t run_id, std::int64_t experiment_id);
  std::vector<RunRecord> runsOfExperiment(std::int64_t experiment_id) const;

  // A new run records this program's version as its code_version.
  std::int64_t createRun(const std::string& kind, const std::string& name, const std::string& config_json);
  void setRunStatus(std::int64_t run_id, RunStatus status, const std::string& message = {});
  // Marks the run running by this process unless it is running or finished already, in one
  // statement, so that of two processes (two windows on one database, a window and `pwb run`)
  // only one starts a queued run. False: another process has it; nothing was changed.
  bool claimRun(std::int64_t run_id);
  void recordRunFacts(std::int64_t run_id, const RunFacts& facts);
  // Deletes the run with its metrics, predictions, artifact rows and log events (the artifact
  // files stay on disk: an exported adapter may be in use elsewhere).
  void deleteRun(std::int64_t run_id);

  std::optional<RunRecord> run(std::int64_t run_id) const;
  std::vector<RunRecord> runs() const;

  // All points in one transaction.
  void appendMetrics(std::int64_t run_id, const std::vector<train::MetricPoint>& points);
  std::vector<train::MetricPoint> metrics(std::int64_t run_id, const std::string& split,
                                          const std::string& name) const;
  // Every point of the run, ordered by split, name, step.
  std::vector<train::MetricPoint> metrics(std::int64_t run_id) const;
  // One summary per (split, name), ordered by split, name.
  std::vector<MetricSummary> metricSummaries(std::int64_t run_id) const;

  // All rows in one transaction; a row with the same (split, example_id) replaces the stored one.
  void appendPredictions(std::int64_t run_id, const std::vector<PredictionRecord>& predictions);
  // In the order they were stored.
  std::vector<PredictionRecord> predictions(std::int64_t run_id) const;
  std::vector<PredictionRecord> predictions(std::int64_t run_id, const std::string& split) const;

  // Records a file the run made: `file` is absolute or relative to the database's folder. Its
  // SHA-256 and size are computed now; throws std::runtime_error naming it when unreadable.
  ArtifactRecord addArtifact(std::int64_t run_id, ArtifactKind kind, const std::filesystem::path& file);
  std::vector<ArtifactRecord> artifacts(std::int64_t run_id) const;
  std::filesystem::path artifactFile(const ArtifactRecord& artifact) const;

  // A run's log (run_id empty: the program's own events), oldest first; `last` keeps the newest.
  void logEvent(std::optional<std::int64_t> run_id, LogLevel level, const std::string& message);
  std::vector<LogEvent> logEvents(std::optional<std::int64_t> run_id,
                                  std::optional<std::size_t> last = std::nullopt) const;

 private:
  void migrate();
  void markInterruptedRuns();
  void requireRun(std::int64_t run_id) const;

  std::filesystem::path file_;
  std::filesystem::path folder_;  // absolute, fixed at opening: artifact paths are relative to it
  sqlite3* db_ = nullptr;
};

}  // namespace pwb::store
