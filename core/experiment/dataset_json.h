#pragma once
// A DatasetSpec written back as the "dataset" object of an experiment file
// (docs/experiment-files.md), for experiments the window composes. Torch-free.

#include <nlohmann/json.hpp>

#include "experiment/experiment_spec.h"

namespace pwb::experiment {

// Parses back (parseExperimentSpec) to `spec`: built-in name and part, or file, format, header
// and columns; the splits with their seed; the limits that are set.
nlohmann::json datasetJson(const DatasetSpec& spec);

}  // namespace pwb::experiment
