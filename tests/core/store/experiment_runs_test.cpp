#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"
#include "store/experiment_store.h"
#include "system/runtime_info.h"

namespace pwb::store {
namespace {

class ExperimentStoreRuns : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  ExperimentStore store_{dir_ / "e.sqlite"};
};

TEST_F(ExperimentStoreRuns, GroupsRunsIntoExperiments) {
  const auto grid = store_.createExperiment("ladder", R"({"runs":[]})", "experiments/ladder.json");
  const auto other = store_.createExperiment("other", "{}");
  const auto a = store_.createRun("tuning", "lora", "{}");
  const auto b = store_.createRun("design", "zero-shot", "{}");
  store_.createRun("tuning", "loose", "{}");
  store_.attachRun(a, grid);
  store_.attachRun(b, grid);

  const auto stored = store_.experiment(grid).value();
  EXPECT_EQ(stored.name, "ladder");
  EXPECT_EQ(stored.spec_json, R"({"runs":[]})");
  EXPECT_EQ(stored.spec_path, "experiments/ladder.json");
  EXPECT_FALSE(stored.created_at.empty());
  EXPECT_EQ(store_.experiment(other)->spec_path, "");
  EXPECT_EQ(store_.experiments().size(), 2u);
  EXPECT_FALSE(store_.experiment(other + 1).has_value());

  const auto members = store_.runsOfExperiment(grid);
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].id, a);
  EXPECT_EQ(members[1].id, b);
  EXPECT_EQ(members[0].experiment_id, grid);
  EXPECT_TRUE(store_.runsOfExperiment(other).empty());
  EXPECT_THROW(store_.attachRun(a, other + 1), std::invalid_argument);
  EXPECT_THROW(store_.attachRun(99, grid), std::invalid_argument);
}

TEST_F(ExperimentStoreRuns, RecordsRunFactsGivenSoFar) {
  const auto id = store_.createRun("tuning", "lora", "{}");
  EXPECT_EQ(store_.run(id)->code_version, system::probeRuntime().workbench_version);
  RunFacts at_start;
  at_start.seed = 42;
  at_start.trainable_params = 8192;
  at_start.total_params = 1320000;
  store_.recordRunFacts(id, at_start);
  RunFacts at_end;  // leaves the facts above as they are
  at_end.peak_memory_bytes = 123456789;
  at_end.code_version = "v0.1.0-5-gabc1234";
  store_.recordRunFacts(id, at_end);
  const auto run = store_.run(id).value();
  EXPECT_EQ(run.seed, 42);
  EXPECT_EQ(run.trainable_params, 8192);
  EXPECT_EQ(run.total_params, 1320000);
  EXPECT_EQ(run.peak_memory_bytes, 123456789);
  EXPECT_EQ(run.code_version, "v0.1.0-5-gabc1234");
  EXPECT_THROW(store_.recordRunFacts(id + 1, at_start), std::invalid_argument);
}

TEST_F(ExperimentStoreRuns, RecordsWhenARunStartedAndFinished) {
  const auto id = store_.createRun("tuning", "timed", "{}");
  EXPECT_EQ(store_.run(id)->started_at, "");
  store_.setRunStatus(id, RunStatus::Running);
  EXPECT_FALSE(store_.run(id)->started_at.empty());
  EXPECT_EQ(store_.run(id)->finished_at, "");
  store_.setRunStatus(id, RunStatus::Finished);
  EXPECT_GE(store_.run(id)->finished_at, store_.run(id)->started_at);
}

TEST_F(ExperimentStoreRuns, ListsEveryCurveAndWhereItEnded) {
  const auto id = store_.createRun("tuning", "curves", "{}");
  store_.appendMetrics(id, {{1, "train", "loss", 2.0, 0.1, 10},
                            {3, "train", "loss", 1.5, 0.3, 30},
                            {2, "train", "loss", 2.5, 0.2, 20},
                            {2, "validation", "accuracy", 0.5, 0.25, 20},
                            {4, "validation", "accuracy", 0.625, 0.45, 40}});
  const auto all = store_.metrics(id);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].split, "train");
  EXPECT_EQ(all[1].step, 2);
  EXPECT_EQ(all[2].value, 1.5);
  EXPECT_EQ(all[3].split, "validation");
  EXPECT_EQ(all[4].wall_seconds, 0.45);

  const auto summaries = store_.metricSummaries(id);
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].split, "train");
  EXPECT_EQ(summaries[0].name, "loss");
  EXPECT_EQ(summaries[0].points, 3);
  EXPECT_EQ(summaries[0].last_step, 3);
  EXPECT_EQ(summaries[0].last_value, 1.5);  // the last step's, not the last stored
  EXPECT_EQ(summaries[0].min_value, 1.5);
  EXPECT_EQ(summaries[0].max_value, 2.5);
  EXPECT_EQ(summaries[1].name, "accuracy");
  EXPECT_EQ(summaries[1].last_value, 0.625);
  EXPECT_TRUE(store_.metricSummaries(id + 1).empty());
}

TEST_F(ExperimentStoreRuns, DeletingARunDeletesEverythingItOwned) {
  const auto experiment = store_.createExperiment("e", "{}");
  const auto doomed = store_.createRun("tuning", "doomed", "{}");
  const auto kept = store_.createRun("tuning", "kept", "{}");
  std::filesystem::create_directories(dir_ / "runs");
  { std::ofstream(dir_ / "runs" / "adapter.bin") << "weights"; }
  for (const auto id : {doomed, kept}) {
    store_.attachRun(id, experiment);
    store_.appendMetrics(id, {{1, "train", "loss", 1.0, 0.1, 8}});
    store_.appendPredictions(id, {{"test", "e1", "a", "b", false, {{"a", -1.0}, {"b", -0.5}}, ""}});
    store_.addArtifact(id, ArtifactKind::Adapter, "runs/adapter.bin");
    store_.logEvent(id, LogLevel::Warning, "slow");
  }
  store_.logEvent(std::nullopt, LogLevel::Info, "program started");

  store_.deleteRun(doomed);
  EXPECT_FALSE(store_.run(doomed).has_value());
  EXPECT_TRUE(store_.metrics(doomed).empty());
  EXPECT_TRUE(store_.predictions(doomed).empty());
  EXPECT_TRUE(store_.artifacts(doomed).empty());
  EXPECT_TRUE(store_.logEvents(doomed).empty());
  // What other runs and the program own stays, and so does the file on disk.
  EXPECT_EQ(store_.metrics(kept).size(), 1u);
  EXPECT_EQ(store_.predictions(kept).size(), 1u);
  EXPECT_EQ(store_.artifacts(kept).size(), 1u);
  EXPECT_EQ(store_.logEvents(kept).size(), 1u);
  EXPECT_EQ(store_.logEvents(std::nullopt).size(), 1u);
  EXPECT_EQ(store_.runsOfExperiment(experiment).size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "runs" / "adapter.bin"));
  EXPECT_THROW(store_.deleteRun(doomed), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::store
