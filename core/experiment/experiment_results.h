#pragma once
// What an experiment found, from the store: one row per run (accuracy with a 95% bootstrap
// interval, trainable parameters, training time, peak memory), the points of a Pareto chart and
// the data-efficiency curves (mean and spread over seeds). Torch-free.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eval/interval.h"
#include "eval/seed_summary.h"
#include "store/experiment_store.h"

namespace pwb::experiment {

struct RunResult {
  std::int64_t run_id = 0;
  std::string name;       // the expanded name ("lora r=8 · n=32 · seed 1")
  std::string base_name;  // the name in the experiment file
  std::string kind;       // "design" or "tuning"
  std::string method;     // the tuning method, or "design"
  std::string model;
  store::RunStatus status = store::RunStatus::Queued;
  std::optional<std::int64_t> train_size;
  std::optional<std::int64_t> seed;
  std::string group;  // runs that differ only in their seed share a group
  std::size_t examples = 0;                           // predictions on the evaluated split
  std::optional<eval::ConfidenceInterval> accuracy;   // none without predictions
  std::optional<std::int64_t> trainable_params;       // 0 for design runs
  std::optional<std::int64_t> total_params;
  std::optional<std::int64_t> peak_memory_bytes;
  std::optional<double> seconds;                      // from start to finish
};

// Accuracy on `split` from the stored predictions; the interval is a percentile bootstrap with
// 1000 resamples and seed 0, so the table is the same every time it is printed.
std::vector<RunResult> experimentResults(const store::ExperimentStore& store, std::int64_t experiment_id,
                                         const std::string& split = "test");

// One point per group (runs differing only in seed): mean accuracy over the group's finished
// runs with accuracy, at its trainable-parameter count; design runs have 0 parameters.
struct ParetoPoint {
  std::string label;
  std::string method;
  std::int64_t trainable_params = 0;
  double accuracy = 0.0;
  bool design = false;
  bool on_front = false;  // by eval::paretoFront: no other point is as good on both and better on one
};
std::vector<ParetoPoint> paretoPoints(const std::vector<RunResult>& results);

// Accuracy against training-set size, per run of the experiment file (and model), over seeds.
struct EfficiencyPoint {
  std::string series;  // base name, plus the model when the experiment has several
  std::int64_t train_size = 0;
  eval::SeedSummary accuracy;
  std::vector<double> values;  // each seed's accuracy, in run order (for charts with a spread)
};
std::vector<EfficiencyPoint> dataEfficiency(const std::vector<RunResult>& results);

// "2024-05-01T10:00:00.123Z" -> seconds since the epoch; nullopt when not in that form.
std::optional<double> isoSeconds(const std::string& iso);

}  // namespace pwb::experiment
