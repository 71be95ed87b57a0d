// A real experiment on the built-in stories260k into a temporary database: design and tuning
// runs execute, their predictions, metrics and adapters are stored, and the CSV export reads
// back what was stored.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"
#include "../store/csv_reader.h"
#include "experiment/experiment_results.h"
#include "experiment/standard_runner.h"
#include "store/csv_export.h"
#include "store/run_adapter_files.h"

namespace pwb::experiment {
namespace {

ExperimentSpec tinyLadder() {
  return parseExperimentSpec(nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "end to end",
    "models": ["stories260k"],
    "dataset": {"builtin": "uci_yelp", "limits": {"validation": 6, "test": 12}},
    "train_sizes": [8],
    "prompt": {"template": "{{#instruction}}\nGood or bad?\n{{/instruction}}\n\n{{#example}}\n{{text}} It was {{label}}\n{{/example}}",
               "verbalizer": {"0": "bad", "1": "good"}},
    "runs": [
      {"name": "zero-shot", "kind": "design"},
      {"name": "two-shot", "kind": "design", "shots": 2},
      {"name": "soft prompt", "kind": "tuning", "steps": 3, "batch_size": 4, "eval_every": 2, "learning_rate": 0.03,
       "method": {"name": "prompt_tuning", "num_virtual_tokens": 4, "prompt_tuning_init": "TEXT", "init_from_design": "zero-shot"}},
      {"name": "lora", "kind": "tuning", "steps": 3, "batch_size": 4, "method": {"name": "lora", "r": 2}}
    ]
  })"));
}

TEST(ExperimentEndToEnd, RunsStoresAndExportsARealExperiment) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  auto runner = standardRunner(store);
  system::CancellationToken cancel;
  const auto outcome = runner.run(tinyLadder(), "tiny.json", {}, cancel);
  ASSERT_EQ(outcome.run_ids.size(), 4u);
  for (const auto id : outcome.run_ids) {
    const auto run = store.run(id);
    EXPECT_EQ(run->status, store::RunStatus::Finished) << run->name << ": " << run->message;
    EXPECT_EQ(store.predictions(id, "test").size(), 12u) << run->name;
  }
  // Soft prompt: 4 virtual tokens × the model's width of 64.
  EXPECT_EQ(store.run(outcome.run_ids[2])->trainable_params, 4 * 64);
  EXPECT_EQ(store.metrics(outcome.run_ids[2], "train", "loss").size(), 3u);
  EXPECT_FALSE(store.metrics(outcome.run_ids[2], "validation", "accuracy").empty());
  const auto adapters = store.artifacts(outcome.run_ids[3]);
  ASSERT_EQ(adapters.size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(store.artifactFile(adapters[0])));
  EXPECT_TRUE(std::filesystem::exists(store.artifactFile(adapters[0]).parent_path() / "adapter_config.json"));

  // The results table reads the same predictions, and the CSV export gives them back.
  const auto results = experimentResults(store, outcome.experiment_id);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[3].method, "lora");
  const auto csv = dir / "predictions.csv";
  EXPECT_EQ(store::exportCsv(store, store::ExportKind::Predictions, {outcome.run_ids[3]}, csv.string()), 12u);
  std::ifstream in(csv, std::ios::binary);
  const auto rows = testing::parseCsv(std::string(std::istreambuf_iterator<char>(in), {}));
  ASSERT_EQ(rows.size(), 13u);  // header + 12
  std::size_t right = 0;
  for (const auto& p : store.predictions(outcome.run_ids[3], "test")) right += p.correct ? 1 : 0;
  EXPECT_DOUBLE_EQ(results[3].accuracy->estimate, static_cast<double>(right) / 12.0);
}

// The method's initial values come from the run's seed (drawn right after seeding, as PEFT's
// recipe does), not from whatever the process drew before: two identical runs in one experiment
// store identical adapters.
TEST(ExperimentEndToEnd, IdenticalRunsStartFromTheSameAdapter) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  auto runner = standardRunner(store);
  system::CancellationToken cancel;
  const auto outcome = runner.run(parseExperimentSpec(nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "twice",
    "models": ["stories260k"],
    "dataset": {"builtin": "uci_yelp", "limits": {"validation": 4, "test": 4}},
    "train_sizes": [8],
    "prompt": {"template": "{{#example}}\n{{text}} It was {{label}}\n{{/example}}", "verbalizer": {"0": "bad", "1": "good"}},
    "runs": [
      {"name": "first", "kind": "tuning", "steps": 2, "batch_size": 4, "method": {"name": "p_tuning", "num_virtual_tokens": 2}},
      {"name": "second", "kind": "tuning", "steps": 2, "batch_size": 4, "method": {"name": "p_tuning", "num_virtual_tokens": 2}}
    ]
  })")), "twice.json", {}, cancel);
  ASSERT_EQ(outcome.run_ids.size(), 2u);
  const auto first = store::adapterFolder(store, outcome.run_ids[0]), second = store::adapterFolder(store, outcome.run_ids[1]);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(testing::fileBytes(*first / "adapter_model.safetensors"), testing::fileBytes(*second / "adapter_model.safetensors"));
}

TEST(ExperimentEndToEnd, DesignRunsOnAnEncoderDecoderModel) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  auto runner = standardRunner(store);
  auto spec = nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "t5 design",
    "dataset": {"builtin": "uci_yelp", "limits": {"test": 6}},
    "prompt": {"template": "{{text}} It was {{label}}", "verbalizer": {"0": "bad", "1": "good"}, "calibrate": true},
    "runs": [{"name": "zero-shot", "kind": "design"}, {"name": "two-shot", "kind": "design", "shots": 2}]
  })");
  spec["models"] = {(std::filesystem::path(PWB_FIXTURES_DIR) / "t5-tiny").string()};
  system::CancellationToken cancel;
  const auto outcome = runner.run(parseExperimentSpec(spec), "t5.json", {}, cancel);
  ASSERT_EQ(outcome.run_ids.size(), 2u);
  for (const auto id : outcome.run_ids) {
    const auto run = store.run(id);
    EXPECT_EQ(run->status, store::RunStatus::Finished) << run->name << ": " << run->message;
    EXPECT_EQ(store.predictions(id, "test").size(), 6u) << run->name;
    EXPECT_FALSE(store.metrics(id, "test", "accuracy").empty()) << run->name;
  }
}

}  // namespace
}  // namespace pwb::experiment
