#pragma once
// The prompt of a run as the design engine builds it: its template parsed, its verbalizer in
// the dataset's label order; and a design run's options (demonstrations, scoring, calibration,
// chain of thought). Torch-free.

#include <cstdint>
#include <vector>

#include "design/design_evaluation.h"
#include "design/prompt_builder.h"
#include "experiment/experiment_data.h"
#include "experiment/experiment_spec.h"

namespace pwb::experiment {

// Throws design::TemplateError or std::invalid_argument naming what is wrong.
design::PromptBuilder promptBuilderFor(const PromptSpec& prompt, const PreparedData& data);

// How a design run with this seed is evaluated, its demonstrations drawn from `train_pool`
// ("fixed": the pool's first k, the same for every seed).
design::DesignOptions designOptionsFor(const RunSpec& run, const std::vector<std::size_t>& train_pool,
                                       std::uint64_t seed);

}  // namespace pwb::experiment
