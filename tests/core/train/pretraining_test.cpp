#include "train/pretraining.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <ATen/ATen.h>

#include "../../support/temp_dir.h"
#include "model/model_loader.h"
#include "store/experiment_store.h"
#include "train/causal_lm_batch.h"
#include "train/token_stream.h"

namespace pwb::train {
namespace {

const std::filesystem::path kCorpus = std::filesystem::path(PWB_RESOURCE_DIR) / "corpus" / "uci_sentences.txt";

struct RecordingObserver : TrainingObserver {
  std::vector<TrainingProgress> reports;
  std::vector<std::string> messages;
  std::function<void(const TrainingProgress&)> on_progress;
  void onMessage(const std::string& message) override { messages.push_back(message); }
  void onProgress(const TrainingProgress& progress) override {
    reports.push_back(progress);
    if (on_progress) on_progress(progress);
  }
  std::size_t lossPointCount() const {
    std::size_t count = 0;
    for (const auto& report : reports) {
      for (const auto& point : report.points) count += point.name == "loss" ? 1 : 0;
    }
    return count;
  }
};

class PretrainingTest : public ::testing::Test {
 protected:
  PretrainingOptions smallRun(std::int64_t steps) const {
    PretrainingOptions o;
    o.corpus = kCorpus;
    o.cache_dir = dir_.path();
    o.vocab_size = 300;
    o.layers = 1;
    o.width = 32;
    o.heads = 2;
    o.context = 32;
    o.batch_size = 8;
    o.steps = steps;
    o.warmup_steps = 5;
    return o;
  }
  testing::TempDir dir_;
  store::ExperimentStore store_{dir_ / "experiments.sqlite"};
  system::CancellationToken cancel_;
};

TEST_F(PretrainingTest, LearnsTheCorpusAndStoresEveryStep) {
  RecordingObserver observer;
  const auto result = runPretraining(smallRun(80), store_, observer, cancel_);
  ASSERT_EQ(result.status, "finished") << result.message;
  EXPECT_EQ(result.steps_done, 80);
  // Starts near log(V) = log(300) ≈ 5.7 and must fall well below it.
  EXPECT_NEAR(result.first_loss, std::log(300.0), 0.6);
  const auto stored = store_.metrics(result.run_id, "train", "loss");
  ASSERT_EQ(stored.size(), 80u);
  double late = 0.0;
  for (std::size_t i = 70; i < 80; ++i) late += stored[i].value / 10.0;
  EXPECT_LT(late, result.first_loss - 0.6);
  EXPECT_EQ(stored.back().tokens_seen, 80 * 8 * 32);
  EXPECT_EQ(store_.run(result.run_id)->status, store::RunStatus::Finished);
  // Throttled reports still carry every point, and the last report is the last step.
  EXPECT_EQ(observer.lossPointCount(), 80u);
  EXPECT_EQ(observer.reports.back().step, 80);
  EXPECT_DOUBLE_EQ(observer.reports.back().remaining_seconds, 0.0);
}

TEST_F(PretrainingTest, SameSeedGivesTheSameCurveBitForBit) {
  RecordingObserver first, second;
  const auto a = runPretraining(smallRun(15), store_, first, cancel_);
  const auto b = runPretraining(smallRun(15), store_, second, cancel_);
  const auto curve_a = store_.metrics(a.run_id, "train", "loss"), curve_b = store_.metrics(b.run_id, "train", "loss");
  ASSERT_EQ(curve_a.size(), 15u);
  ASSERT_EQ(curve_b.size(), 15u);
  for (std::size_t i = 0; i < 15; ++i) EXPECT_EQ(curve_a[i].value, curve_b[i].value) << "step " << i + 1;
}

TEST_F(PretrainingTest, StopsAtCancellationAndKeepsWhatItStored) {
  RecordingObserver observer;
  observer.on_progress = [this](const TrainingProgress& p) {
    if (p.step >= 5) cancel_.cancel();
  };
  const auto result = runPretraining(smallRun(1000), store_, observer, cancel_);
  EXPECT_EQ(result.status, "cancelled");
  EXPECT_GE(result.steps_done, 5);
  EXPECT_LT(result.steps_done, 1000);
  EXPECT_EQ(store_.metrics(result.run_id, "train", "loss").size(), static_cast<std::size_t>(result.steps_done));
  EXPECT_EQ(store_.run(result.run_id)->status, store::RunStatus::Cancelled);
}

TEST_F(PretrainingTest, ANonFiniteLossFailsTheRunWithAReason) {
  auto options = smallRun(200);
  options.learning_rate = 1e12;
  options.warmup_steps = 1;
  RecordingObserver observer;
  const auto result = runPretraining(options, store_, observer, cancel_);
  ASSERT_EQ(result.status, "failed");
  EXPECT_NE(result.message.find("learning rate"), std::string::npos) << result.message;
  const auto run = store_.run(result.run_id);
  EXPECT_EQ(run->status, store::RunStatus::Failed);
  EXPECT_EQ(run->message, result.message);
  EXPECT_EQ(store_.metrics(result.run_id, "train", "loss").size(), static_cast<std::size_t>(result.steps_done));
}

TEST_F(PretrainingTest, AMissingCorpusFailsTheRunNamingTheFile) {
  auto options = smallRun(10);
  options.corpus = dir_ / "no-such-corpus.txt";
  RecordingObserver observer;
  const auto result = runPretraining(options, store_, observer, cancel_);
  EXPECT_EQ(result.status, "failed");
  EXPECT_NE(result.message.find("no-such-corpus.txt"), std::string::npos) << result.message;
  EXPECT_EQ(store_.run(result.run_id)->status, store::RunStatus::Failed);
}

}  // namespace
}  // namespace pwb::train

namespace pwb::train {
namespace {

TEST(PretrainingRecipe, RoundTripsThroughTheStoredConfiguration) {
  testing::TempDir dir;
  PretrainingOptions options;
  options.run_name = "round trip";
  options.corpus = "/data/corpus.txt";
  options.vocab_size = 321;
  options.lower_case = false;
  options.layers = 3;
  options.width = 48;
  options.heads = 6;
  options.context = 40;
  options.steps = 77;
  options.batch_size = 5;
  options.learning_rate = 0.25;
  options.warmup_steps = 0;
  options.weight_decay = 0.5;
  options.seed = 99;
  std::ofstream(dir / "recipe.json") << options.toJson();
  const auto read = readPretrainingRecipe(dir / "recipe.json", PretrainingOptions{});
  EXPECT_EQ(read.toJson(), options.toJson());
}

TEST(PretrainingRecipe, TheShippedSkeletonRecipeReads) {
  const auto recipe = readPretrainingRecipe(
      std::filesystem::path(PWB_RESOURCE_DIR) / ".." / "experiments" / "skeleton-pretrain.json", PretrainingOptions{});
  EXPECT_EQ(recipe.steps, 300);
  EXPECT_EQ(recipe.width, 64);
  EXPECT_TRUE(std::filesystem::exists(recipe.corpus)) << recipe.corpus;
}

TEST(PretrainingRecipe, ErrorsNameTheFileAndTheKey) {
  testing::TempDir dir;
  const auto expectError = [&](const std::string& text, const std::string& fragment) {
    std::ofstream(dir / "r.json") << text;
    try {
      readPretrainingRecipe(dir / "r.json", PretrainingOptions{});
      ADD_FAILURE() << "no error for " << text;
    } catch (const std::runtime_error& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("r.json"), std::string::npos) << message;
      EXPECT_NE(message.find(fragment), std::string::npos) << message;
    }
  };
  expectError(R"({"steps": -3})", "key 'steps': expected a positive integer");
  expectError(R"({"n_embd": "wide"})", "key 'n_embd'");
  expectError(R"({"learning_rate": 0})", "key 'learning_rate': expected a positive number");
  expectError(R"({"stepz": 3})", "unknown key 'stepz'");
  expectError(R"({"steps": 3)", "not valid JSON");
  expectError(R"([1, 2])", "expected a JSON object");
}

}  // namespace
}  // namespace pwb::train

namespace pwb::train {
namespace {

class PretrainingOutputTest : public PretrainingTest {
 protected:
  PretrainingOptions withOutput(std::int64_t steps) const {
    auto o = smallRun(steps);
    o.output_dir = dir_ / "model";
    o.validation_corpus = kCorpus;
    o.eval_every = 10;
    o.eval_windows = 4;
    o.checkpoint_every = 10;
    return o;
  }
};

TEST_F(PretrainingOutputTest, WritesAModelFolderThatLoadsBackWithTheTrainedWeights) {
  RecordingObserver observer;
  const auto result = runPretraining(withOutput(20), store_, observer, cancel_);
  ASSERT_EQ(result.status, "finished") << result.message;
  EXPECT_EQ(result.model_dir, dir_ / "model");
  const auto loaded = model::loadModel((dir_ / "model").string());
  EXPECT_EQ(loaded.family, "gpt2");
  EXPECT_EQ(loaded.tokenizer->vocabSize(), 300);
  EXPECT_EQ(loaded.context_length, 32);
  // The loaded model's loss on the held-out windows equals the last stored validation loss, so
  // the folder holds the trained weights (not the initial ones) and the tokenizer that goes with them.
  const auto eos = loaded.special_tokens.eos.value();
  const TokenStream held_out(*loaded.tokenizer, kCorpus, eos);
  const auto ids = held_out.windowsAt({0, 32, 64, 96}, 32);
  at::NoGradGuard no_grad;
  loaded.causal->module().eval();
  const auto sum = causalLmLossSum(*loaded.causal, {ids, at::ones_like(ids), ids});
  const auto stored = store_.metrics(result.run_id, "validation", "loss");
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_NEAR(sum.sum.item<double>() / static_cast<double>(sum.count), stored.back().value, 1e-5);
  EXPECT_NEAR(store_.metrics(result.run_id, "validation", "perplexity").back().value, std::exp(stored.back().value),
              1e-6);
}

TEST_F(PretrainingOutputTest, ASecondStartContinuesFromTheCheckpointWithTheSameLosses) {
  RecordingObserver whole_observer;
  auto whole = withOutput(20);
  whole.output_dir = dir_ / "whole";
  const auto uninterrupted = runPretraining(whole, store_, whole_observer, cancel_);
  ASSERT_EQ(uninterrupted.status, "finished") << uninterrupted.message;

  RecordingObserver first_observer;
  first_observer.on_progress = [this](const TrainingProgress& p) {
    if (p.step >= 7) cancel_.cancel();
  };
  const auto first = runPretraining(withOutput(20), store_, first_observer, cancel_);
  ASSERT_EQ(first.status, "cancelled");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "model.checkpoints" / "checkpoint.json"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "model" / "model.safetensors"));

  system::CancellationToken fresh;
  RecordingObserver second_observer;
  const auto second = runPretraining(withOutput(20), store_, second_observer, fresh);
  ASSERT_EQ(second.status, "finished") << second.message;
  EXPECT_EQ(second.resumed_from_step, first.steps_done);
  const auto expected = store_.metrics(uninterrupted.run_id, "train", "loss");
  const auto continued = store_.metrics(second.run_id, "train", "loss");
  ASSERT_EQ(continued.size(), static_cast<std::size_t>(20 - first.steps_done));
  for (const auto& point : continued) {
    EXPECT_EQ(point.value, expected[static_cast<std::size_t>(point.step - 1)].value) << "step " << point.step;
  }
  EXPECT_TRUE(std::filesystem::exists(dir_ / "model" / "model.safetensors"));
}

TEST(PretrainingRecipe, TheBuiltInModelRecipeHasAQuickModeOnTheSmallCorpus) {
  const auto file = std::filesystem::path(PWB_RESOURCE_DIR) / ".." / "experiments" / "builtin-model.json";
  const auto full = readPretrainingRecipe(file, PretrainingOptions{});
  EXPECT_EQ(full.corpus.filename(), "imdb_train_reviews.txt.xz");
  EXPECT_TRUE(std::filesystem::exists(full.corpus)) << full.corpus;
  EXPECT_TRUE(std::filesystem::exists(full.validation_corpus)) << full.validation_corpus;
  const auto quick = readPretrainingRecipe(file, PretrainingOptions{}, true);
  EXPECT_EQ(quick.corpus.filename(), "uci_sentences.txt");
  EXPECT_EQ(quick.steps, 20);
  EXPECT_EQ(quick.vocab_size, 300);
  EXPECT_EQ(quick.seed, full.seed);  // what quick does not override stays the recipe's
}

TEST(PretrainingRecipe, QuickOverridesAreCheckedAndRequired) {
  testing::TempDir dir;
  std::ofstream(dir / "r.json") << R"({"steps": 5, "quick": {"stepz": 1}})";
  EXPECT_THROW(
      {
        try {
          readPretrainingRecipe(dir / "r.json", PretrainingOptions{});
        } catch (const std::runtime_error& error) {
          EXPECT_NE(std::string(error.what()).find("unknown key 'quick.stepz'"), std::string::npos) << error.what();
          throw;
        }
      },
      std::runtime_error);
  std::ofstream(dir / "plain.json") << R"({"steps": 5})";
  EXPECT_THROW(readPretrainingRecipe(dir / "plain.json", PretrainingOptions{}, true), std::runtime_error);
}

}  // namespace
}  // namespace pwb::train
