#include "train/trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <cmath>
#include <functional>
#include <thread>

#include <ATen/ATen.h>

#include "../../support/temp_dir.h"
#include "store/experiment_store.h"
#include "instrumented_task.h"
#include "tiny_causal_lm.h"
#include "train/causal_lm_task.h"
#include "train/checkpoint.h"

namespace pwb::train {
namespace {

using train::testing::InstrumentedTask;
using train::testing::parityEvaluation;
using train::testing::parityExamples;
using train::testing::tinyGpt2;

struct RecordingObserver : TrainingObserver {
  std::vector<TrainingProgress> reports;
  std::vector<std::string> messages;
  void onMessage(const std::string& message) override { messages.push_back(message); }
  void onProgress(const TrainingProgress& progress) override { reports.push_back(progress); }
};

TrainerOptions smallRun(std::int64_t steps) {
  TrainerOptions o;
  o.max_steps = steps;
  o.micro_batch_size = 3;
  o.accumulation_steps = 2;
  o.learning_rate = 3e-3;
  o.optimizer.weight_decay = 0.01;
  o.schedule = {ScheduleKind::Cosine, 2};
  o.seed = 7;
  return o;
}

class TrainerTest : public ::testing::Test {
 protected:
  std::vector<double> uninterrupted(const TrainerOptions& options) {
    const auto model = tinyGpt2(1);
    InstrumentedTask task(*model, examples_);
    const auto outcome = train(task, options);
    EXPECT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
    return outcome.losses;
  }

  const std::vector<PromptAnswer> examples_ = parityExamples(16, 3);
  pwb::testing::TempDir dir_;
  system::CancellationToken cancel_;
};

// Bit for bit at one thread count: the one the process is configured with (ctest sets
// OMP_NUM_THREADS=2), as a user's machine runs it.
TEST_F(TrainerTest, SameSeedGivesTheSameLossCurveBitForBit) {
  const auto first = uninterrupted(smallRun(12));
  const auto second = uninterrupted(smallRun(12));
  ASSERT_EQ(first.size(), 12u);
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i], second[i]) << "step " << i + 1;
  auto other_seed = smallRun(12);
  other_seed.seed = 8;
  EXPECT_NE(uninterrupted(other_seed), first);  // the seed does reach the data order and noise
}

TEST_F(TrainerTest, FullFineTuningLearnsTheTask) {
  const auto model = tinyGpt2(1);
  CausalLmTask task(*model, parityExamples(64, 3), train::testing::kPad);
  RankClassificationEvaluator evaluator(*model, {{train::testing::kEven}, {train::testing::kOdd}},
                                        parityEvaluation(24, 99));
  const auto before = evaluator.evaluate();
  auto options = smallRun(50);
  options.micro_batch_size = 8;
  options.accumulation_steps = 1;
  options.learning_rate = 1e-2;
  options.eval_every = 50;
  TrainerHooks hooks;
  hooks.evaluator = &evaluator;
  const auto outcome = train(task, options, hooks);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  EXPECT_LT(outcome.losses.back(), 0.5 * outcome.losses.front());
  EXPECT_GE(outcome.last_evaluation.at("accuracy"), 0.9) << "accuracy before: " << before.at("accuracy");
  EXPECT_LT(outcome.last_evaluation.at("loss"), before.at("loss"));
}

TEST_F(TrainerTest, ResumeAfterCancellationMidStepGivesTheUninterruptedLossesBitForBit) {
  auto options = smallRun(12);
  options.checkpoint_every = 4;
  options.checkpoint_dir = dir_ / "checkpoints";
  const auto reference = uninterrupted(smallRun(12));

  // Cancelled between the two micro-batches of step 7 (the 13th micro-batch is its first).
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  task.before_micro_batch = [this](std::int64_t call) {
    if (call == 13) cancel_.cancel();
  };
  TrainerHooks hooks;
  hooks.cancel = &cancel_;
  const auto cancelled = train(task, options, hooks);
  ASSERT_EQ(cancelled.status, TrainingStatus::Cancelled) << cancelled.message;
  EXPECT_EQ(cancelled.steps_done, 6);
  EXPECT_EQ(task.calls, 13);
  EXPECT_NE(cancelled.message.find("after step 6"), std::string::npos) << cancelled.message;
  ASSERT_EQ(cancelled.losses.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(cancelled.losses[i], reference[i]) << "step " << i + 1;
  const auto at_cancel = readCheckpoint(options.checkpoint_dir);
  EXPECT_EQ(at_cancel.step, 6);
  // Six steps are 12 micro-batches (3, 3, 3, 3, 3, 1 per epoch of 16): exactly two epochs; the
  // dropped micro-batch of step 7 is not counted.
  std::int64_t epoch_tokens = 0;
  for (const auto& e : examples_) epoch_tokens += static_cast<std::int64_t>(e.prompt.size() + e.answer.size());
  EXPECT_EQ(at_cancel.tokens_seen, 2 * epoch_tokens);

  // A model with other weights and a disturbed generator: the checkpoint restores both.
  const auto resumed_model = tinyGpt2(99);
  at::rand({100});
  InstrumentedTask resumed_task(*resumed_model, examples_);
  options.resume_from = options.checkpoint_dir;
  const auto resumed = train(resumed_task, options);
  ASSERT_EQ(resumed.status, TrainingStatus::Finished) << resumed.message;
  EXPECT_EQ(resumed.steps_done, 12);
  ASSERT_EQ(resumed.losses.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(resumed.losses[i], reference[6 + i]) << "step " << i + 7;
}

TEST_F(TrainerTest, CheckpointsEveryNStepsKeepOnlyTheLatestTensorFile) {
  auto options = smallRun(6);
  options.checkpoint_every = 2;
  options.checkpoint_dir = dir_ / "run";
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  std::vector<std::int64_t> seen;
  task.before_micro_batch = [&](std::int64_t call) {
    if (call % 2 == 1 && std::filesystem::exists(options.checkpoint_dir / "checkpoint.json")) {
      seen.push_back(readCheckpoint(options.checkpoint_dir).step);
    }
  };
  const auto outcome = train(task, options);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  EXPECT_EQ(seen, (std::vector<std::int64_t>{2, 2, 4, 4}));
  EXPECT_EQ(outcome.checkpoint, options.checkpoint_dir / "checkpoint.json");
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(options.checkpoint_dir)) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"checkpoint-00000006.safetensors", "checkpoint.json"}));
  const auto checkpoint = readCheckpoint(options.checkpoint_dir);
  EXPECT_EQ(checkpoint.step, 6);
  EXPECT_EQ(checkpoint.parameters.size(), task.parameters().size());
  EXPECT_TRUE(at::equal(checkpoint.parameters.at("transformer.wte.weight"),
                        model->module().named_parameters()["transformer.wte.weight"]));
  EXPECT_EQ(checkpoint.optimizer.at("step.transformer.ln_f.weight").item<std::int64_t>(), 6);
  // An epoch of 16 is micro-batches of 3, 3, 3, 3, 3, 1: three steps. Six steps end the second.
  EXPECT_EQ(checkpoint.data.epoch, 1);
  EXPECT_EQ(checkpoint.data.offset, 16u);
}

TEST_F(TrainerTest, ResumeFromACheckpointOfOtherParametersIsAnErrorNamingIt) {
  auto options = smallRun(2);
  options.checkpoint_dir = dir_ / "run";
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  ASSERT_EQ(train(task, options).status, TrainingStatus::Finished);

  model::Gpt2Options wider;
  wider.vocab_size = train::testing::kVocab;
  wider.n_positions = 32;
  wider.n_embd = 48;
  wider.n_layer = 2;
  wider.n_head = 2;
  const auto other = model::wrapCausal(model::Gpt2LMHeadModel(wider));
  InstrumentedTask other_task(*other, examples_);
  options.resume_from = options.checkpoint_dir;
  options.checkpoint_dir.clear();
  const auto outcome = train(other_task, options);
  EXPECT_EQ(outcome.status, TrainingStatus::Failed);
  EXPECT_NE(outcome.message.find("checkpoint.json: parameter '"), std::string::npos) << outcome.message;
  EXPECT_NE(outcome.message.find("has shape"), std::string::npos) << outcome.message;

  InstrumentedTask fewer_examples(*model, parityExamples(10, 3));
  const auto mismatch = train(fewer_examples, options);
  EXPECT_EQ(mismatch.status, TrainingStatus::Failed);
  EXPECT_NE(mismatch.message.find("made with 16 training examples, the run has 10"), std::string::npos)
      << mismatch.message;
}

TEST_F(TrainerTest, ANonFiniteLossStopsTheRunNamingTheStepAndRateAndKeepsWhatWasStored) {
  store::ExperimentStore store(dir_ / "experiments.sqlite");
  const auto run_id = store.createRun("tuning", "nan", "{}");
  auto options = smallRun(10);
  options.checkpoint_every = 1;
  options.checkpoint_dir = dir_ / "run";
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  task.poison_at_call = 8;  // the second micro-batch of step 4
  TrainerHooks hooks;
  hooks.store = &store;
  hooks.run_id = run_id;
  const auto outcome = train(task, options, hooks);
  ASSERT_EQ(outcome.status, TrainingStatus::Failed);
  EXPECT_EQ(outcome.steps_done, 3);
  // Step 4 (index 3) runs at peak · ½(1 + cos(π·(3 − 2)/(10 − 2))) of the cosine schedule.
  std::ostringstream rate;
  rate << 3e-3 * 0.5 * (1.0 + std::cos(M_PI / 8.0));
  EXPECT_NE(outcome.message.find("step 4: the loss became nan at learning rate " + rate.str()), std::string::npos)
      << outcome.message;
  EXPECT_EQ(store.metrics(run_id, "train", "loss").size(), 3u);
  EXPECT_EQ(readCheckpoint(options.checkpoint_dir).step, 3);
  for (const auto& p : task.parameters()) ASSERT_TRUE(at::isfinite(p.tensor).all().item<bool>()) << p.name;
}

TEST_F(TrainerTest, ANonFiniteGradientNormStopsTheRunToo) {
  auto options = smallRun(10);
  options.schedule = {ScheduleKind::Constant, 0};
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  task.poison_gradient_at_call = 5;  // step 3: a finite loss whose gradient is NaN
  const auto outcome = train(task, options);
  ASSERT_EQ(outcome.status, TrainingStatus::Failed);
  EXPECT_EQ(outcome.steps_done, 2);
  EXPECT_NE(outcome.message.find("step 3: the gradient norm became nan at learning rate 0.003"), std::string::npos)
      << outcome.message;
}

// Reports the scripted values one evaluation after another.
struct ScriptedEvaluator : Evaluator {
  std::vector<double> losses;
  std::size_t calls = 0;
  bool grad_mode_seen = true;
  std::map<std::string, double> evaluate() override {
    grad_mode_seen = at::GradMode::is_enabled();
    return {{"loss", losses.at(calls++)}, {"accuracy", 0.5}};
  }
};

TEST_F(TrainerTest, EvaluatesEveryNStepsAndStopsEarlyWithoutImprovement) {
  store::ExperimentStore store(dir_ / "experiments.sqlite");
  const auto run_id = store.createRun("tuning", "early", "{}");
  ScriptedEvaluator evaluator;
  evaluator.losses = {1.0, 0.8, 0.795, 0.9, 0.5, 0.4};
  auto options = smallRun(20);
  options.eval_every = 3;
  options.early_stopping = EarlyStoppingOptions{"loss", false, 2, 0.01};
  options.checkpoint_dir = dir_ / "run";
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  TrainerHooks hooks;
  hooks.evaluator = &evaluator;
  hooks.store = &store;
  hooks.run_id = run_id;
  const auto outcome = train(task, options, hooks);
  ASSERT_EQ(outcome.status, TrainingStatus::EarlyStopped) << outcome.message;
  EXPECT_EQ(outcome.steps_done, 12);  // evaluations at 3, 6, 9, 12; the last two did not improve
  EXPECT_FALSE(evaluator.grad_mode_seen);
  const auto validation = store.metrics(run_id, "validation", "loss");
  ASSERT_EQ(validation.size(), 4u);
  EXPECT_EQ(validation[3].step, 12);
  EXPECT_DOUBLE_EQ(validation[3].value, 0.9);
  EXPECT_EQ(store.metrics(run_id, "validation", "accuracy").size(), 4u);
  const auto checkpoint = readCheckpoint(options.checkpoint_dir);
  EXPECT_EQ(checkpoint.step, 12);
  EXPECT_DOUBLE_EQ(*checkpoint.best_metric, 0.8);
  EXPECT_EQ(checkpoint.evaluations_without_improvement, 2);
}

TEST_F(TrainerTest, TheLastEvaluationReachesTheObserver) {
  // The evaluation after the last step comes after the last step's report: a live chart must
  // still get its points.
  ScriptedEvaluator evaluator;
  evaluator.losses = {0.9, 0.7};
  auto options = smallRun(6);
  options.eval_every = 3;
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  RecordingObserver observer;
  TrainerHooks hooks;
  hooks.evaluator = &evaluator;
  hooks.observer = &observer;
  const auto outcome = train(task, options, hooks);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  std::vector<std::pair<std::int64_t, double>> validation;
  for (const auto& report : observer.reports) {
    for (const auto& p : report.points) {
      if (p.split == "validation" && p.name == "loss") validation.emplace_back(p.step, p.value);
    }
  }
  EXPECT_EQ(validation, (std::vector<std::pair<std::int64_t, double>>{{3, 0.9}, {6, 0.7}}));
  EXPECT_EQ(observer.reports.back().step, 6);
}

TEST_F(TrainerTest, StoresEveryStepAndReportsThrottledProgress) {
  store::ExperimentStore store(dir_ / "experiments.sqlite");
  const auto run_id = store.createRun("tuning", "progress", "{}");
  RecordingObserver observer;
  auto options = smallRun(30);
  options.micro_batch_size = 4;  // 8 examples a step: 30 steps are 15 epochs of 16
  TrainerHooks hooks;
  hooks.observer = &observer;
  hooks.store = &store;
  hooks.run_id = run_id;
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  const auto outcome = train(task, options, hooks);
  ASSERT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  const auto losses = store.metrics(run_id, "train", "loss");
  ASSERT_EQ(losses.size(), 30u);
  for (std::size_t i = 0; i < 30; ++i) EXPECT_EQ(losses[i].value, outcome.losses[i]);
  EXPECT_EQ(store.metrics(run_id, "train", "learning_rate").size(), 30u);
  EXPECT_EQ(store.metrics(run_id, "train", "grad_norm").size(), 30u);
  // A fast run is throttled to a few reports, yet they carry every point.
  ASSERT_FALSE(observer.reports.empty());
  EXPECT_LT(observer.reports.size(), 30u);
  std::size_t points = 0;
  for (const auto& report : observer.reports) points += report.points.size();
  EXPECT_EQ(points, 90u);  // loss, learning rate and grad norm per step
  const auto& last = observer.reports.back();
  EXPECT_EQ(last.step, 30);
  EXPECT_EQ(last.total_steps, 30);
  EXPECT_EQ(last.run_id, run_id);
  EXPECT_DOUBLE_EQ(last.loss, outcome.losses.back());
  EXPECT_DOUBLE_EQ(last.epoch, 15.0);
  EXPECT_DOUBLE_EQ(last.learning_rate, 3e-3 * 0.5 * (1.0 + std::cos(M_PI * 27.0 / 28.0)));
  EXPECT_GT(last.grad_norm, 0.0);
  EXPECT_GT(last.tokens_per_second, 0.0);
  EXPECT_DOUBLE_EQ(last.remaining_seconds, 0.0);
  std::int64_t epoch_tokens = 0;
  for (const auto& e : examples_) epoch_tokens += static_cast<std::int64_t>(e.prompt.size() + e.answer.size());
  EXPECT_EQ(losses.back().tokens_seen, 15 * epoch_tokens);
}

TEST_F(TrainerTest, WaitsWhilePausedAndContinuesOrCancels) {
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  PauseGate pause;
  TrainerHooks hooks;
  hooks.cancel = &cancel_;
  hooks.pause = &pause;
  std::atomic<std::int64_t> calls{0};
  task.before_micro_batch = [&](std::int64_t call) {
    calls = call;
    if (call == 4) pause.pause();  // step 2's second micro-batch: the pause takes effect before step 3
  };
  TrainingOutcome outcome;
  std::thread worker([&] { outcome = train(task, smallRun(6), hooks); });
  while (calls < 4) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(calls.load(), 4);
  EXPECT_TRUE(pause.isPaused());
  EXPECT_TRUE(pause.isHolding());
  pause.resume();
  worker.join();
  EXPECT_FALSE(pause.isHolding());
  EXPECT_EQ(outcome.status, TrainingStatus::Finished) << outcome.message;
  EXPECT_EQ(outcome.losses, uninterrupted(smallRun(6)));  // pausing changes nothing

  // Cancelling a paused run ends it without another step.
  const auto again = tinyGpt2(1);
  InstrumentedTask paused_task(*again, examples_);
  pause.pause();
  std::thread canceller([this] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel_.cancel();
  });
  const auto cancelled = train(paused_task, smallRun(6), hooks);
  canceller.join();
  EXPECT_EQ(cancelled.status, TrainingStatus::Cancelled);
  EXPECT_EQ(cancelled.steps_done, 0);
  EXPECT_EQ(paused_task.calls, 0);
}

TEST_F(TrainerTest, OptionsThatCannotWorkAreRejected) {
  const auto model = tinyGpt2(1);
  InstrumentedTask task(*model, examples_);
  auto options = smallRun(5);
  options.micro_batch_size = 0;
  EXPECT_THROW(train(task, options), std::invalid_argument);
  options = smallRun(0);
  EXPECT_THROW(train(task, options), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::train
