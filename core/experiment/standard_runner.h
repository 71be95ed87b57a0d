#pragma once
// The runner as the CLI and the GUI use it: models opened by name or path (model_loader.h),
// design and tuning runs executed by DesignExecutor and TuningExecutor, artifacts (adapters,
// checkpoints) in a folder beside the database. Torch-free header.

#include <filesystem>

#include "experiment/experiment_runner.h"

namespace pwb::experiment {

// Artifacts go to <folder>/<name>-artifacts/run-<id> beside the database <folder>/<name>.sqlite.
ExperimentRunner standardRunner(store::ExperimentStore& store);

}  // namespace pwb::experiment
