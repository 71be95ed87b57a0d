#include "design/prompt_scorer.h"

#include <stdexcept>

#include "design/causal_scorer.h"

namespace pwb::design {

std::unique_ptr<PromptScorer> openPromptScorer(const std::string& name_or_path, PrefixReuse reuse) {
  auto loaded = model::loadModel(name_or_path);
  if (!loaded.causal) {
    throw std::runtime_error(name_or_path + ": prompt design on a " + loaded.family +
                             " (encoder-decoder) model is not supported yet; use a decoder-only model");
  }
  return std::make_unique<CausalScorer>(std::make_shared<model::LoadedModel>(std::move(loaded)), reuse);
}

}  // namespace pwb::design
