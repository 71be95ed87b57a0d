// Prompt design with and without the shared-prefix KV cache: a 5-shot prompt on a built-in model
// (0 stories260k, 1 imdb-gpt), 16 evaluated sentences, two label words. Dataset 0 is SST-2 (short
// training phrases as demonstrations, whole dev sentences evaluated), 1 the UCI IMDb sentences
// (demonstrations and evaluated sentences alike). Run:
//   build/benchmarks/design_benchmark --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <string>

#include "design/design_data.h"
#include "design/design_evaluation.h"

namespace {

using namespace pwb;

struct Setup {
  design::DesignData data;
  design::PromptBuilder builder;
  design::DesignOptions options;
};

const char* const kDatasets[] = {"sst2", "uci_imdb"};

Setup makeSetup(const char* dataset) {
  design::DesignDataOptions data_options;
  data_options.source = dataset;
  data_options.limit = 16;
  auto data = design::loadDesignData(data_options);
  auto verbalizer = design::orderForLabels(design::parseVerbalizer("0=terrible,1=great"), data.dataset.labels);
  design::PromptBuilder builder(design::parseTemplate("{{#instruction}}\nSay whether each movie review is great or "
                                                      "terrible.\n{{/instruction}}\n{{#example}}\nReview: "
                                                      "{{text}}\nSentiment: {{label}}\n{{/example}}"),
                                verbalizer, data.dataset);
  design::DesignOptions options;
  options.shots.k = 5;
  options.shots.seed = 1;
  options.bootstrap.resamples = 10;
  return Setup{std::move(data), std::move(builder), options};
}

const Setup& setup(std::int64_t dataset) {
  static const Setup setups[] = {makeSetup(kDatasets[0]), makeSetup(kDatasets[1])};
  return setups[static_cast<std::size_t>(dataset)];
}

void evaluate(benchmark::State& state, design::PrefixReuse reuse) {
  const auto& s = setup(state.range(1));
  const char* model = state.range(2) == 0 ? "stories260k" : "imdb-gpt";
  state.SetLabel(std::string(model) + " " + kDatasets[static_cast<std::size_t>(state.range(1))]);
  auto scorer = design::openPromptScorer(model, reuse);
  auto options = s.options;
  options.batch_size = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    const auto result = design::evaluateDesign(*scorer, s.builder, s.data.dataset, s.data.evaluated,
                                               s.data.demonstration_pool, options);
    benchmark::DoNotOptimize(result.metrics->accuracy.estimate);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.data.evaluated.size()));
}

// Every (example, label) scored from scratch, as `pwb score` would.
void BM_Design5ShotNaive(benchmark::State& state) { evaluate(state, design::PrefixReuse::None); }
// The prefix once; examples batched `range(0)` at a time over its cache; labels batched.
void BM_Design5ShotSharedPrefix(benchmark::State& state) { evaluate(state, design::PrefixReuse::SharedPrefixCache); }

}  // namespace

// Arguments: examples per batch, dataset, model.
BENCHMARK(BM_Design5ShotNaive)->ArgsProduct({{1}, {0, 1}, {0, 1}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Design5ShotSharedPrefix)->ArgsProduct({{1, 8}, {0, 1}, {0, 1}})->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
