#pragma once
// One prompt design evaluated on a frozen model: the shared prefix (instruction and
// demonstrations) is set once, the evaluated examples are scored in batches, and the
// predictions become metrics. Torch-free.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "data/few_shot.h"
#include "design/chain_of_thought.h"
#include "design/design_metrics.h"
#include "design/prompt_builder.h"
#include "design/prompt_scorer.h"
#include "design/rank_classification.h"
#include "system/cancellation.h"

namespace pwb::design {

struct DesignOptions {
  data::FewShotOptions shots = zeroShot();
  Reduction reduction = Reduction::Sum;
  bool calibrate = false;  // contextual calibration against the content-free inputs
  std::vector<std::string> content_free_inputs = {"N/A", "", "[MASK]"};
  std::optional<ChainOfThoughtOptions> chain_of_thought;
  // Examples scored per call of the scorer. Batching pays off for larger models; on stories260k
  // one at a time was fastest (docs/performance.md).
  std::size_t batch_size = 1;
  eval::BootstrapOptions bootstrap;

  static data::FewShotOptions zeroShot() {
    data::FewShotOptions none;
    none.k = 0;
    return none;
  }
};

struct DesignResult {
  std::vector<std::string> labels;          // class order
  std::vector<std::size_t> demonstrations;  // dataset indices, in prompt order
  std::string prefix;                       // the rendered shared prefix
  std::vector<double> content_free_probabilities;  // with calibration: p_cf per class
  std::vector<ExamplePrediction> predictions;      // in the order of the evaluated pool
  std::optional<DesignMetrics> metrics;            // absent when nothing was predicted
  bool cancelled = false;
};

// done, total: examples predicted so far.
using DesignProgress = std::function<void(std::size_t done, std::size_t total)>;

// The demonstrations evaluateDesign puts in the prompt, in prompt order: none when k is 0 (or
// a Fixed list is empty), else selectFewShot's. Throws as selectFewShot.
std::vector<std::size_t> chooseDemonstrations(const data::Dataset& dataset, const std::vector<std::size_t>& pool,
                                              const data::FewShotOptions& shots);

// The shared prefix: the instruction and the demonstrations, which with chain of thought and a
// rationale column show their rationale (rationaleDemonstrations). Throws as PromptBuilder::prefix
// and rationaleColumn.
std::string promptPrefix(const PromptBuilder& builder, const data::Dataset& dataset,
                         const std::vector<std::size_t>& demonstrations, const DesignOptions& options);

// Demonstrations come from `demonstration_pool` only (selectFewShot), which must not share an
// example with `evaluated`. The builder's verbalizer must be in the dataset's label order.
// Throws std::invalid_argument for overlapping pools or an example whose label the verbalizer
// lacks, std::length_error naming the example whose prompt exceeds the model's context.
// Cancellation is checked between batches; the predictions made so far are kept and summarized.
DesignResult evaluateDesign(PromptScorer& scorer, const PromptBuilder& builder, const data::Dataset& dataset,
                            const std::vector<std::size_t>& evaluated,
                            const std::vector<std::size_t>& demonstration_pool, const DesignOptions& options,
                            const system::CancellationToken* cancel = nullptr, const DesignProgress& progress = {});

}  // namespace pwb::design
