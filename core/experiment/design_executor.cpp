#include "experiment/design_executor.h"

#include <algorithm>

#include "design/causal_scorer.h"
#include "design/design_evaluation.h"
#include "design/design_records.h"
#include "experiment/run_prompt.h"
#include "model/model_loader.h"

namespace pwb::experiment {
namespace {

data::FewShotOptions fewShot(const DesignSpec& design, const std::vector<std::size_t>& pool, std::uint64_t seed) {
  data::FewShotOptions shots;
  shots.k = static_cast<std::size_t>(design.shots);
  shots.seed = seed;
  if (design.selection == "random") shots.strategy = data::FewShotStrategy::Random;
  if (design.selection == "balanced") shots.strategy = data::FewShotStrategy::Balanced;
  if (design.selection == "fixed") {
    // "fixed": the first k of the training set, the same for every seed.
    shots.strategy = data::FewShotStrategy::Fixed;
    shots.fixed.assign(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(std::min(shots.k, pool.size())));
  }
  return shots;
}

}  // namespace

void DesignExecutor::execute(RunContext& context) {
  const auto& spec = context.run.spec;
  design::CausalScorer scorer(context.model, design::PrefixReuse::SharedPrefixCache);
  const auto builder = promptBuilderFor(spec.prompt, context.data);
  design::DesignOptions options;
  options.shots = fewShot(spec.design, context.train_pool, context.run.seed);
  options.reduction = spec.prompt.scoring == "mean" ? design::Reduction::Mean : design::Reduction::Sum;
  options.calibrate = spec.prompt.calibrate;
  if (spec.design.chain_of_thought) {
    design::ChainOfThoughtOptions cot;
    cot.trigger = spec.design.cot_trigger;
    cot.generation.sampling.max_new_tokens = spec.design.cot_max_new_tokens;
    options.chain_of_thought = cot;
  }
  const auto& test = context.data.splits.test;
  const auto result = design::evaluateDesign(
      scorer, builder, context.data.dataset, test, context.train_pool, options, &context.cancel,
      [&context](std::size_t done, std::size_t total) {
        context.progress(total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total),
                         std::to_string(done) + "/" + std::to_string(total) + " examples");
      });
  context.store.appendPredictions(context.run_id, design::predictionRecords(result, "test"));
  context.store.appendMetrics(context.run_id, design::metricPoints(result, "test"));
  store::RunFacts facts;
  facts.trainable_params = 0;
  facts.total_params = 0;
  for (const auto& p : context.model->module().parameters()) *facts.total_params += p.numel();
  context.store.recordRunFacts(context.run_id, facts);
}

}  // namespace pwb::experiment
