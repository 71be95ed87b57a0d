#pragma once
// A design run of an experiment: the run's prompt, with k demonstrations from its training set,
// scored by rank classification on the frozen model over the test split; predictions and
// metrics go to the store.

#include "experiment/experiment_runner.h"

namespace pwb::experiment {

class DesignExecutor final : public RunExecutor {
 public:
  void execute(RunContext& context) override;
};

}  // namespace pwb::experiment
