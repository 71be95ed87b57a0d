#pragma once
// The spec a stored experiment ran with, read back from the store (relative paths resolved
// against the file it was read from): what resuming one of its runs needs. Torch-free.

#include <cstdint>

#include "experiment/experiment_spec.h"
#include "store/experiment_store.h"

namespace pwb::experiment {

// The spec of the experiment `run_id` belongs to. Throws std::invalid_argument when the run is
// unknown or not part of an experiment.
ExperimentSpec storedSpecOfRun(const store::ExperimentStore& store, std::int64_t run_id);

}  // namespace pwb::experiment
