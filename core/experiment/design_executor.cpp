#include "experiment/design_executor.h"

#include "design/design_evaluation.h"
#include "design/design_records.h"
#include "design/prompt_scorer.h"
#include "experiment/run_prompt.h"
#include "model/model_loader.h"

namespace pwb::experiment {

void DesignExecutor::execute(RunContext& context) {
  const auto& spec = context.run.spec;
  const auto scorer = design::makePromptScorer(context.model);
  const auto builder = promptBuilderFor(spec.prompt, context.data);
  const auto options = designOptionsFor(spec, context.train_pool, context.run.seed);
  const auto& test = context.data.splits.test;
  const auto result = design::evaluateDesign(
      *scorer, builder, context.data.dataset, test, context.train_pool, options, &context.cancel,
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
