#pragma once
// What both scorers' generate share: generation that ends at the model's EOS or once a stop
// string appears in the decoded text, returned as text without the EOS and cut before the
// first stop string.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "design/prompt_scorer.h"
#include "model/generation.h"
#include "model/model_loader.h"

namespace pwb::design {

// Generates ids with these options (the request's, EOS among the stop ids) until the stop
// condition holds.
using StoppableGeneration =
    std::function<std::vector<std::int64_t>(model::SamplingOptions, const model::StopCondition&)>;

std::string generateUntilStop(const model::LoadedModel& model, const GenerationRequest& request,
                              const StoppableGeneration& generate);

}  // namespace pwb::design
