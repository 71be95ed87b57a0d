#pragma once
// The rows the experiment store hands out, as plain copyable values. Torch-free header.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace pwb::store {

enum class RunStatus { Queued, Running, Finished, Failed, Cancelled, Interrupted };
std::string toString(RunStatus status);
RunStatus runStatusFromString(const std::string& text);

enum class ArtifactKind { Adapter, Checkpoint, Export };
std::string toString(ArtifactKind kind);
ArtifactKind artifactKindFromString(const std::string& text);

enum class LogLevel { Info, Warning, Error };
std::string toString(LogLevel level);
LogLevel logLevelFromString(const std::string& text);

struct ExperimentRecord {
  std::int64_t id = 0;
  std::string name;
  std::string spec_path;  // the experiment file it was read from; empty when built in memory
  std::string spec_json;  // the spec as run, so editing the file later changes nothing here
  std::string created_at;
};

struct RunRecord {
  std::int64_t id = 0;
  std::string kind;  // "pretrain", "design", "tuning"
  std::string name;
  std::string config_json;
  RunStatus status = RunStatus::Queued;
  std::string created_at;
  std::string finished_at;
  std::string message;
  // Schema 2. Empty optionals are facts nobody recorded (every run older than schema 2).
  std::optional<std::int64_t> experiment_id;
  std::optional<std::int64_t> seed;
  std::string started_at;
  std::optional<std::int64_t> trainable_params;
  std::optional<std::int64_t> total_params;
  std::optional<std::int64_t> peak_memory_bytes;
  std::string code_version;  // empty when unknown
};

// Facts learnt while a run goes; recordRunFacts() writes only those that are set.
struct RunFacts {
  std::optional<std::int64_t> seed;
  std::optional<std::int64_t> trainable_params;
  std::optional<std::int64_t> total_params;
  std::optional<std::int64_t> peak_memory_bytes;
  std::optional<std::string> code_version;
};

// Where one (split, metric) curve of a run ended, and its range.
struct MetricSummary {
  std::string split;
  std::string name;
  std::int64_t points = 0;
  std::int64_t last_step = 0;
  double last_value = 0.0;
  double min_value = 0.0;
  double max_value = 0.0;
};

struct PredictionRecord {
  std::string split;
  std::string example_id;
  std::string gold;
  std::string predicted;
  bool correct = false;
  std::map<std::string, double> scores;  // label -> score (e.g. log-likelihood of its words)
  std::string rationale;                 // chain-of-thought text; empty for rank classification
};

struct ArtifactRecord {
  std::int64_t id = 0;
  std::int64_t run_id = 0;
  ArtifactKind kind = ArtifactKind::Adapter;
  std::string path;  // relative to the database's folder, '/'-separated
  std::string sha256;  // lower-case hex
  std::int64_t bytes = 0;
  std::string created_at;
};

struct LogEvent {
  std::int64_t id = 0;
  std::optional<std::int64_t> run_id;  // empty for events of the program, not of one run
  std::string time;
  LogLevel level = LogLevel::Info;
  std::string message;
};

}  // namespace pwb::store
