#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "../../support/temp_dir.h"
#include "experiment/experiment_runner.h"
#include "model/model_loader.h"

namespace pwb::experiment {
namespace {

ExperimentSpec twoRuns() {
  return parseExperimentSpec(nlohmann::json::parse(R"({
    "format_version": 1,
    "name": "queue",
    "models": ["tiny"],
    "dataset": {"builtin": "uci_amazon", "limits": {"test": 50}},
    "seeds": [3, 4],
    "train_sizes": [8],
    "prompt": {"template": "{{text}} {{label}}", "verbalizer": {"0": "bad", "1": "good"}},
    "runs": [
      {"name": "zero-shot", "kind": "design"},
      {"name": "lora", "kind": "tuning", "method": {"name": "lora"}}
    ]
  })"));
}

// Records what it was given; optionally fails or cancels.
class RecordingExecutor : public RunExecutor {
 public:
  void execute(RunContext& context) override {
    calls.push_back(context.run.name);
    pools[context.run.name] = context.train_pool;
    test_size = context.data.splits.test.size();
    context.progress(0.5, "halfway");
    pauses.push_back(context.pause);
    if (context.run.spec.kind == RunKind::Tuning) {
      train::TrainingProgress step;
      step.step = 2;
      step.total_steps = 4;
      step.loss = 0.25;
      step.points = {{2, "train", "loss", 0.25, 0.1, 64}};
      context.training(step);
    }
    context.store.appendMetrics(context.run_id, {{1, "test", "accuracy", 0.5, 0.0, 0}});
    if (fail_on == context.run.name) throw std::runtime_error("loss became NaN at step 3 (learning rate 10)");
    if (cancel_on == context.run.name) token->cancel();
    if (allocate_on == context.run.name) {
      std::vector<char> block(allocate_bytes);
      std::memset(block.data(), 1, block.size());  // touched, so resident
      touched += block[block.size() / 2];
    }
  }

  std::vector<std::string> calls;
  std::vector<const train::PauseGate*> pauses;
  std::map<std::string, std::vector<std::size_t>> pools;
  std::size_t test_size = 0;
  std::string fail_on, cancel_on, allocate_on;
  std::size_t allocate_bytes = 0;
  int touched = 0;
  system::CancellationToken* token = nullptr;
};

class ExperimentRunnerTest : public ::testing::Test {
 protected:
  ExperimentRunnerTest() {
    runner_.setExecutor(RunKind::Design, design_);
    runner_.setExecutor(RunKind::Tuning, tuning_);
    tuning_->token = &cancel_;
    design_->token = &cancel_;
  }

  testing::TempDir dir_;
  store::ExperimentStore store_{dir_ / "e.sqlite"};
  int loads_ = 0;
  ExperimentRunner runner_{store_, [this](const std::string&) {
                             ++loads_;
                             return std::make_shared<model::LoadedModel>();
                           }};
  std::shared_ptr<RecordingExecutor> design_ = std::make_shared<RecordingExecutor>();
  std::shared_ptr<RecordingExecutor> tuning_ = std::make_shared<RecordingExecutor>();
  system::CancellationToken cancel_;
};

TEST_F(ExperimentRunnerTest, RunsTheQueueInOrderAndStoresItAsOneExperiment) {
  std::vector<std::string> events;
  const auto outcome = runner_.run(twoRuns(), "queue.json", [&](const RunnerEvent& e) {
    events.push_back(std::to_string(static_cast<int>(e.kind)) + " " + e.name);
  }, cancel_);
  ASSERT_EQ(outcome.run_ids.size(), 3u);  // zero-shot once, lora per seed
  EXPECT_EQ(outcome.finished, 3u);
  EXPECT_EQ(loads_, 1);  // one model, loaded once
  EXPECT_EQ(design_->calls, std::vector<std::string>{"zero-shot"});
  EXPECT_EQ(tuning_->calls, (std::vector<std::string>{"lora · n=8 · seed 3", "lora · n=8 · seed 4"}));
  EXPECT_EQ(tuning_->test_size, 50u);
  // Eight training examples, stratified: four of each label; the seed changes which.
  const auto& pool = tuning_->pools["lora · n=8 · seed 3"];
  ASSERT_EQ(pool.size(), 8u);
  EXPECT_NE(pool, tuning_->pools["lora · n=8 · seed 4"]);
  EXPECT_EQ(events.front(), "0 zero-shot");
  EXPECT_EQ(events[1], "1 zero-shot");
  EXPECT_EQ(events[2], "2 zero-shot");

  const auto experiment = store_.experiment(outcome.experiment_id);
  ASSERT_TRUE(experiment.has_value());
  EXPECT_EQ(experiment->name, "queue");
  EXPECT_EQ(experiment->spec_path, "queue.json");
  const auto runs = store_.runsOfExperiment(outcome.experiment_id);
  ASSERT_EQ(runs.size(), 3u);
  for (const auto& run : runs) EXPECT_EQ(run.status, store::RunStatus::Finished) << run.name;
  EXPECT_EQ(runs[2].seed, 4);
  EXPECT_EQ(nlohmann::json::parse(runs[2].config_json)["train_size"], 8);
  EXPECT_EQ(runs[1].kind, "tuning");
}

TEST_F(ExperimentRunnerTest, EachRunRecordsItsOwnPeakMemory) {
  tuning_->allocate_on = "lora · n=8 · seed 3";
  tuning_->allocate_bytes = 96 << 20;
  const auto outcome = runner_.run(twoRuns(), "", {}, cancel_);
  const auto runs = store_.runsOfExperiment(outcome.experiment_id);
  ASSERT_EQ(runs.size(), 3u);
  for (const auto& run : runs) ASSERT_TRUE(run.peak_memory_bytes.has_value()) << run.name;
  // The 96 MiB the second run touched shows in its peak and not in the runs before and after it
  // (the probe resets the high-water mark at each run's start).
  EXPECT_GE(*runs[1].peak_memory_bytes, *runs[0].peak_memory_bytes + (90 << 20));
  EXPECT_LT(*runs[2].peak_memory_bytes, *runs[1].peak_memory_bytes - (80 << 20));
}

TEST_F(ExperimentRunnerTest, AFailingRunIsRecordedAndTheQueueGoesOn) {
  tuning_->fail_on = "lora · n=8 · seed 3";
  const auto outcome = runner_.run(twoRuns(), "", {}, cancel_);
  EXPECT_EQ(outcome.failed, 1u);
  EXPECT_EQ(outcome.finished, 2u);
  const auto failed = store_.run(outcome.run_ids[1]);
  EXPECT_EQ(failed->status, store::RunStatus::Failed);
  EXPECT_EQ(failed->message, "loss became NaN at step 3 (learning rate 10)");
  EXPECT_EQ(store_.logEvents(outcome.run_ids[1]).at(0).message, failed->message);
  // What it stored before failing is kept.
  EXPECT_EQ(store_.metrics(outcome.run_ids[1], "test", "accuracy").size(), 1u);
  EXPECT_EQ(store_.run(outcome.run_ids[2])->status, store::RunStatus::Finished);
}

TEST_F(ExperimentRunnerTest, AFailedRunIsResumedAloneAndFinishes) {
  tuning_->fail_on = "lora · n=8 · seed 3";
  const auto outcome = runner_.run(twoRuns(), "", {}, cancel_);
  ASSERT_EQ(store_.run(outcome.run_ids[1])->status, store::RunStatus::Failed);
  tuning_->fail_on.clear();
  tuning_->calls.clear();
  const auto resumed = runner_.resume(twoRuns(), outcome.run_ids[1], {}, cancel_);
  EXPECT_EQ(resumed.finished, 1u);
  EXPECT_EQ(tuning_->calls, std::vector<std::string>{"lora · n=8 · seed 3"});
  EXPECT_EQ(store_.run(outcome.run_ids[1])->status, store::RunStatus::Finished);
  // A finished run has nothing to resume.
  EXPECT_THROW(runner_.resume(twoRuns(), outcome.run_ids[2], {}, cancel_), std::invalid_argument);
}

TEST_F(ExperimentRunnerTest, StoredRunsWaitQueuedUntilEachIsRunByResume) {
  const auto stored = storeExperiment(store_, twoRuns(), "queue.json");
  ASSERT_EQ(stored.run_ids.size(), 3u);
  for (const auto id : stored.run_ids) EXPECT_EQ(store_.run(id)->status, store::RunStatus::Queued);
  EXPECT_EQ(store_.experiment(stored.experiment_id)->spec_path, "queue.json");
  EXPECT_TRUE(tuning_->calls.empty());
  train::PauseGate gate;
  std::vector<RunnerEvent> events;
  const auto outcome = runner_.resume(twoRuns(), stored.run_ids[2], [&](const RunnerEvent& e) { events.push_back(e); },
                                      cancel_, &gate);
  EXPECT_EQ(outcome.finished, 1u);
  EXPECT_EQ(tuning_->calls, std::vector<std::string>{"lora · n=8 · seed 4"});
  EXPECT_EQ(tuning_->pauses, std::vector<const train::PauseGate*>{&gate});
  EXPECT_EQ(store_.run(stored.run_ids[2])->status, store::RunStatus::Finished);
  EXPECT_EQ(store_.run(stored.run_ids[0])->status, store::RunStatus::Queued);
  // The executor's training progress reaches the observer with its points, as a fraction too.
  const auto training = std::find_if(events.begin(), events.end(), [](const RunnerEvent& e) { return e.training.step > 0; });
  ASSERT_NE(training, events.end());
  EXPECT_EQ(training->kind, RunnerEvent::Kind::RunProgress);
  EXPECT_EQ(training->run_id, stored.run_ids[2]);
  EXPECT_DOUBLE_EQ(training->fraction, 0.5);
  ASSERT_EQ(training->training.points.size(), 1u);
  EXPECT_EQ(training->training.points[0].tokens_seen, 64);
}

TEST_F(ExperimentRunnerTest, CancellingStopsTheRunInFlightAndTheRest) {
  design_->cancel_on = "zero-shot";
  const auto outcome = runner_.run(twoRuns(), "", {}, cancel_);
  EXPECT_EQ(outcome.cancelled, 3u);
  EXPECT_TRUE(tuning_->calls.empty());
  EXPECT_EQ(store_.run(outcome.run_ids[0])->status, store::RunStatus::Cancelled);
  EXPECT_EQ(store_.run(outcome.run_ids[2])->message, "not started: the experiment was cancelled");
}

TEST_F(ExperimentRunnerTest, AModelThatCannotLoadFailsItsRunsWithTheReason) {
  ExperimentRunner runner(store_, [](const std::string& name) -> std::shared_ptr<model::LoadedModel> {
    throw std::runtime_error(name + "/config.json: no such file");
  });
  runner.setExecutor(RunKind::Design, design_);
  runner.setExecutor(RunKind::Tuning, tuning_);
  const auto outcome = runner.run(twoRuns(), "", {}, cancel_);
  EXPECT_EQ(outcome.failed, 3u);
  EXPECT_EQ(store_.run(outcome.run_ids[0])->message, "cannot load model tiny: tiny/config.json: no such file");
}

TEST_F(ExperimentRunnerTest, TooFewTrainingExamplesIsAnErrorNamingTrainSizes) {
  auto spec = twoRuns();
  spec.train_sizes = {100000};
  const auto outcome = runner_.run(spec, "", {}, cancel_);
  EXPECT_EQ(outcome.failed, 2u);  // the two lora runs; zero-shot needs no training set
  EXPECT_NE(store_.run(outcome.run_ids[1])->message.find("train_sizes: a training set of 100000 examples"),
            std::string::npos);
}

}  // namespace
}  // namespace pwb::experiment
