// Tuning runs on an encoder-decoder model: real experiments on the t5-tiny reference folder and
// the built-in UCI Yelp sentences, through the runner and TuningExecutor as `pwb run` and the
// Tuning tab use them. A run stores its curve, its test predictions and accuracy and a PEFT
// seq2seq adapter; a run cancelled mid-way and resumed from its checkpoint stores the losses
// and the adapter of the uninterrupted run bit for bit.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../../support/file_bytes.h"
#include "../../support/temp_dir.h"
#include "adapt/adapted_seq2seq_model.h"
#include "adapt/peft_adapter.h"
#include "experiment/experiment_data.h"
#include "experiment/run_prompt.h"
#include "experiment/standard_runner.h"
#include "model/model_loader.h"
#include "store/run_adapter_files.h"

namespace pwb::experiment {
namespace {

const std::filesystem::path kT5Tiny = std::filesystem::path(PWB_FIXTURES_DIR) / "t5-tiny";

ExperimentSpec t5Experiment(const nlohmann::json& run) {
  nlohmann::json spec = {
      {"format_version", 1},
      {"name", "t5 tuning"},
      {"models", {kT5Tiny.string()}},
      {"dataset", {{"builtin", "uci_yelp"}, {"limits", {{"validation", 4}, {"test", 8}}}}},
      {"train_sizes", {8}},
      {"prompt", {{"template", "{{text}} It was {{label}}"}, {"verbalizer", {{"0", "bad"}, {"1", "good"}}}}},
      {"runs", {run}}};
  return parseExperimentSpec(spec);
}

std::vector<double> values(const std::vector<train::MetricPoint>& points) {
  std::vector<double> out;
  for (const auto& p : points) out.push_back(p.value);
  return out;
}

TEST(T5Tuning, ASoftPromptRunStoresItsCurveTestAccuracyAndASeq2SeqAdapter) {
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  auto runner = standardRunner(store);
  system::CancellationToken cancel;
  const auto spec = t5Experiment(nlohmann::json::parse(R"({
      "name": "soft prompt", "kind": "tuning", "steps": 4, "batch_size": 4, "eval_every": 2, "learning_rate": 0.03,
      "method": {"name": "prompt_tuning", "num_virtual_tokens": 4}})"));
  const auto outcome = runner.run(spec, "t5.json", {}, cancel);
  ASSERT_EQ(outcome.run_ids.size(), 1u);
  const auto id = outcome.run_ids[0];
  const auto run = store.run(id);
  ASSERT_EQ(run->status, store::RunStatus::Finished) << run->message;
  // PEFT doubles a seq2seq soft prompt (num_transformer_submodules 2): 2 × 4 tokens × d_model 64.
  EXPECT_EQ(run->trainable_params, 2 * 4 * 64);
  const auto losses = store.metrics(id, "train", "loss");
  ASSERT_EQ(losses.size(), 4u);
  for (const auto& point : losses) EXPECT_GT(point.value, 0.0);
  EXPECT_EQ(store.metrics(id, "validation", "accuracy").size(), 2u);  // steps 2 and 4

  const auto predictions = store.predictions(id, "test");
  ASSERT_EQ(predictions.size(), 8u);
  std::size_t right = 0;
  for (const auto& p : predictions) {
    right += p.correct ? 1 : 0;
    ASSERT_EQ(p.scores.size(), 2u);
    for (const auto& [label, score] : p.scores) EXPECT_LT(score, 0.0) << label;
  }
  const auto accuracy = store.metrics(id, "test", "accuracy");
  ASSERT_EQ(accuracy.size(), 1u);
  EXPECT_DOUBLE_EQ(accuracy[0].value, static_cast<double>(right) / 8.0);

  const auto adapter_folder = store::adapterFolder(store, id);  // the final adapter; snapshots aside
  ASSERT_TRUE(adapter_folder.has_value());
  std::ifstream config(*adapter_folder / "adapter_config.json");
  const auto adapter_config = nlohmann::json::parse(config);
  EXPECT_EQ(adapter_config.at("task_type"), "SEQ_2_SEQ_LM");
  EXPECT_EQ(adapter_config.at("num_transformer_submodules"), 2);

  // A stored label score is the label word's log-likelihood as the decoder's target without EOS
  // (as prompt design scores it), with the trained soft prompt before the encoder's input.
  const auto data = prepareData(spec.dataset);
  const auto builder = promptBuilderFor(spec.runs[0].prompt, data);
  const auto& example = data.dataset.examples[data.splits.test[0]];
  ASSERT_EQ(example.id, predictions[0].example_id);
  const auto loaded = model::loadModel(kT5Tiny.string());
  auto base = adapt::BaseModel::fromLoaded(loaded);
  const auto soft_prompt = adapt::loadAdapter(*adapter_folder, base);
  adapt::AdaptedSeq2SeqModel adapted(base, *soft_prompt);
  const auto prompt = loaded.encodePrompt(builder.query(example));
  const auto good = loaded.tokenizer->encode("good");
  const double word = adapted.score(prompt, good).total;
  EXPECT_NEAR(predictions[0].scores.at("1"), word, 1e-9);
  auto with_eos = good;
  with_eos.push_back(*loaded.special_tokens.eos);
  EXPECT_LT(adapted.score(prompt, with_eos).total, word - 1e-3);
}

// What one prefix-tuning run stores: its training losses and its adapter's bytes.
struct StoredRun {
  std::vector<double> losses;
  std::string adapter;
};

StoredRun storedRun(store::ExperimentStore& store, std::int64_t id) {
  const auto artifacts = store.artifacts(id);
  EXPECT_EQ(artifacts.size(), 1u);
  return {values(store.metrics(id, "train", "loss")),
          artifacts.empty() ? std::string() : testing::fileBytes(store.artifactFile(artifacts[0]))};
}

TEST(T5Tuning, ACancelledRunResumedFromItsCheckpointStoresTheUninterruptedLossesBitForBit) {
  // Prefix tuning: its gradient reaches the prefix through the decoder's self-attention cache.
  const auto spec = t5Experiment(nlohmann::json::parse(R"({
      "name": "prefix", "kind": "tuning", "steps": 8, "batch_size": 3, "learning_rate": 0.01, "checkpoint_every": 2,
      "method": {"name": "prefix_tuning", "num_virtual_tokens": 3}})"));
  system::CancellationToken cancel;

  testing::TempDir whole_dir;
  store::ExperimentStore whole_store(whole_dir / "e.sqlite");
  auto whole_runner = standardRunner(whole_store);
  const auto whole = whole_runner.run(spec, "t5.json", {}, cancel);
  ASSERT_EQ(whole.finished, 1u);
  const auto reference = storedRun(whole_store, whole.run_ids[0]);
  ASSERT_EQ(reference.losses.size(), 8u);

  // Cancelled at its first progress report: between two micro-batches of step 2 at the latest.
  testing::TempDir dir;
  store::ExperimentStore store(dir / "e.sqlite");
  auto runner = standardRunner(store);
  const auto cancelled = runner.run(
      spec, "t5.json",
      [&](const RunnerEvent& event) {
        if (event.kind == RunnerEvent::Kind::RunProgress && event.training.step > 0) cancel.cancel();
      },
      cancel);
  ASSERT_EQ(cancelled.cancelled, 1u);
  const auto id = cancelled.run_ids[0];
  const auto before = store.metrics(id, "train", "loss").size();
  EXPECT_GE(before, 1u);
  EXPECT_LT(before, 8u);

  system::CancellationToken go_on;
  const auto resumed = runner.resume(spec, id, {}, go_on);
  ASSERT_EQ(resumed.finished, 1u) << store.run(id)->message;
  const auto after = storedRun(store, id);
  EXPECT_EQ(after.losses, reference.losses);  // exact: == on every double
  EXPECT_EQ(after.adapter, reference.adapter);
}

}  // namespace
}  // namespace pwb::experiment
