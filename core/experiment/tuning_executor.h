#pragma once
// A tuning run of an experiment: a fresh copy of the model with the run's adaptation method
// attached, trained on the run's training set (the answer is the gold label's first word after
// the prompt; on an encoder-decoder model the prompt is the encoder's input and the word, with
// EOS, the decoder's target), evaluated on the validation split during training and by rank
// classification on the test split at the end; the adapter is saved in PEFT's layout beside the
// database.

#include <filesystem>

#include "experiment/experiment_runner.h"

namespace pwb::experiment {

class TuningExecutor final : public RunExecutor {
 public:
  // Adapters and checkpoints go under artifact_dir/run-<id>/.
  explicit TuningExecutor(std::filesystem::path artifact_dir) : artifact_dir_(std::move(artifact_dir)) {}
  void execute(RunContext& context) override;

 private:
  std::filesystem::path artifact_dir_;
};

}  // namespace pwb::experiment
