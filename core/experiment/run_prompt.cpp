#include "experiment/run_prompt.h"

#include <algorithm>

#include "design/template_syntax.h"

namespace pwb::experiment {
namespace {

data::FewShotOptions fewShot(const DesignSpec& design, const std::vector<std::size_t>& pool, std::uint64_t seed) {
  data::FewShotOptions shots;
  shots.k = static_cast<std::size_t>(design.shots);
  shots.seed = seed;
  if (design.selection == "random") shots.strategy = data::FewShotStrategy::Random;
  if (design.selection == "balanced") shots.strategy = data::FewShotStrategy::Balanced;
  if (design.selection == "fixed") {
    shots.strategy = data::FewShotStrategy::Fixed;
    shots.fixed.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(std::min(shots.k, pool.size())));
  }
  return shots;
}

}  // namespace

design::PromptBuilder promptBuilderFor(const PromptSpec& prompt, const PreparedData& data) {
  design::Verbalizer verbalizer;
  for (const auto& [label, words] : prompt.verbalizer) {
    verbalizer.labels.push_back(label);
    verbalizer.words.push_back(words);
  }
  return design::PromptBuilder(design::parseTemplate(prompt.template_text),
                               design::orderForLabels(verbalizer, data.dataset.labels), data.dataset);
}

design::DesignOptions designOptionsFor(const RunSpec& run, const std::vector<std::size_t>& train_pool,
                                       std::uint64_t seed) {
  design::DesignOptions options;
  options.shots = fewShot(run.design, train_pool, seed);
  options.reduction = run.prompt.scoring == "mean" ? design::Reduction::Mean : design::Reduction::Sum;
  options.calibrate = run.prompt.calibrate;
  if (run.design.chain_of_thought) {
    design::ChainOfThoughtOptions cot;
    cot.trigger = run.design.cot_trigger;
    cot.generation.sampling.max_new_tokens = run.design.cot_max_new_tokens;
    cot.rationale_column = run.design.cot_rationale_column;
    options.chain_of_thought = cot;
  }
  return options;
}

}  // namespace pwb::experiment
