// A prompt-learning run keeps its adapter at every checkpoint step (real 4-step runs on
// stories260k, a checkpoint every 2 steps): the last snapshot is the final adapter byte for
// byte, an earlier one holds a different soft prompt, and a LoRA run keeps none.

#include <gtest/gtest.h>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"
#include "adapt/peft_adapter.h"
#include "experiment/standard_runner.h"
#include "store/run_adapter_files.h"

namespace pwb::experiment {
namespace {

std::vector<std::int64_t> runTuning(store::ExperimentStore& store, const std::string& method) {
  auto runner = standardRunner(store);
  system::CancellationToken cancel;
  const auto outcome = runner.run(parseExperimentSpec(nlohmann::json::parse(R"({
    "format_version": 1, "name": "snapshots", "models": ["stories260k"],
    "dataset": {"builtin": "uci_yelp", "limits": {"validation": 4, "test": 4}}, "train_sizes": [8],
    "prompt": {"template": "{{text}} It was {{label}}", "verbalizer": {"0": "bad", "1": "good"}},
    "runs": [{"name": "tuned", "kind": "tuning", "steps": 5, "batch_size": 4, "learning_rate": 0.03,
              "checkpoint_every": 2, "method": )" + method + "}]}")),
                                  "snapshots.json", {}, cancel);
  return outcome.run_ids;
}

TEST(SoftPromptSnapshots, EveryCheckpointStepKeepsTheSoftPrompt) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  const auto ids = runTuning(store, R"({"name": "prompt_tuning", "num_virtual_tokens": 3})");
  ASSERT_EQ(ids.size(), 1u);
  ASSERT_EQ(store.run(ids[0])->status, store::RunStatus::Finished) << store.run(ids[0])->message;
  const auto snapshots = store::adapterSnapshots(store, ids[0]);
  // Checkpoints at steps 2 and 4, and at the end (5).
  ASSERT_EQ(snapshots.size(), 3u);
  EXPECT_EQ(snapshots[0].step, 2);
  EXPECT_EQ(snapshots[1].step, 4);
  EXPECT_EQ(snapshots[2].step, 5);

  const auto final_adapter = store::adapterFolder(store, ids[0]);
  ASSERT_TRUE(final_adapter);
  for (const auto* file : {"adapter_model.safetensors", "adapter_config.json"}) {
    EXPECT_EQ(testing::fileBytes(snapshots.back().folder / file), testing::fileBytes(*final_adapter / file)) << file;
  }
  const auto first = adapt::readAdapter(snapshots.front().folder).tensors.at("prompt_embeddings");
  const auto last = adapt::readAdapter(snapshots.back().folder).tensors.at("prompt_embeddings");
  ASSERT_EQ(first.sizes(), last.sizes());
  EXPECT_EQ(first.size(0), 3);
  EXPECT_FALSE(first.equal(last));
}

TEST(SoftPromptSnapshots, PTuningKeepsItsEncodersOutput) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  const auto ids = runTuning(store, R"({"name": "p_tuning", "num_virtual_tokens": 2})");
  ASSERT_EQ(ids.size(), 1u);
  const auto snapshots = store::adapterSnapshots(store, ids[0]);
  ASSERT_EQ(snapshots.size(), 3u);
  const auto final_adapter = store::adapterFolder(store, ids[0]);
  ASSERT_TRUE(final_adapter);
  EXPECT_EQ(testing::fileBytes(snapshots.back().folder / "adapter_model.safetensors"),
            testing::fileBytes(*final_adapter / "adapter_model.safetensors"));
  EXPECT_EQ(adapt::readAdapter(snapshots.front().folder).tensors.at("prompt_embeddings").size(0), 2);
}

TEST(SoftPromptSnapshots, MethodsWithoutASoftPromptKeepNone) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  const auto ids = runTuning(store, R"({"name": "lora", "r": 2})");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_TRUE(store::adapterSnapshots(store, ids[0]).empty());
  EXPECT_EQ(store.artifacts(ids[0]).size(), 1u);  // the final adapter only
}

}  // namespace
}  // namespace pwb::experiment
