#pragma once
// Stops a run when an evaluation metric has not improved for `patience` evaluations in a row.
// An improvement beats the best value so far by more than min_delta (transformers'
// EarlyStoppingCallback threshold); the best value is the last improvement, as in Keras, so a
// slow drift below min_delta per evaluation still ends the run. Torch-free header.

#include <optional>
#include <string>

namespace pwb::train {

struct EarlyStoppingOptions {
  std::string metric = "loss";  // a key of the evaluator's results
  bool higher_is_better = false;
  int patience = 3;             // evaluations without improvement before stopping
  double min_delta = 0.0;
};

class EarlyStopping {
 public:
  explicit EarlyStopping(EarlyStoppingOptions options) : options_(std::move(options)) {}

  // Records one evaluation's value; true when the run should stop now.
  bool update(double value);

  const EarlyStoppingOptions& options() const { return options_; }
  std::optional<double> best() const { return best_; }
  int evaluationsWithoutImprovement() const { return stale_; }
  // For resume from a checkpoint.
  void restore(std::optional<double> best, int evaluations_without_improvement);

 private:
  EarlyStoppingOptions options_;
  std::optional<double> best_;
  int stale_ = 0;
};

}  // namespace pwb::train
