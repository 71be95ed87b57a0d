#pragma once
// The prompt of a run as the design engine builds it: its template parsed, its verbalizer in
// the dataset's label order.

#include "design/prompt_builder.h"
#include "experiment/experiment_data.h"
#include "experiment/experiment_spec.h"

namespace pwb::experiment {

// Throws design::TemplateError or std::invalid_argument naming what is wrong.
design::PromptBuilder promptBuilderFor(const PromptSpec& prompt, const PreparedData& data);

}  // namespace pwb::experiment
