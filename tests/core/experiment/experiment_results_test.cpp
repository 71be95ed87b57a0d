#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include <nlohmann/json.hpp>

#include "experiment/experiment_results.h"

namespace pwb::experiment {
namespace {

class ExperimentResultsTest : public ::testing::Test {
 protected:
  // A finished run of the experiment whose first `right` of `n` test predictions are correct.
  std::int64_t addRun(const std::string& name, const nlohmann::json& config, int right, int n,
                      std::optional<std::int64_t> trainable = std::nullopt) {
    const auto kind = config.contains("method") ? "tuning" : "design";
    const auto id = store_.createRun(kind, name, config.dump());
    store_.attachRun(id, experiment_);
    store_.setRunStatus(id, store::RunStatus::Running);
    std::vector<store::PredictionRecord> predictions;
    for (int i = 0; i < n; ++i) {
      predictions.push_back({"test", std::to_string(i), "a", i < right ? "a" : "b", i < right, {}, ""});
    }
    store_.appendPredictions(id, predictions);
    store_.recordRunFacts(id, {config.value("seed", 0), trainable, 100000, std::nullopt, std::nullopt});
    store_.setRunStatus(id, store::RunStatus::Finished);
    return id;
  }

  nlohmann::json lora(int seed, int size) {
    return {{"name", "lora"}, {"model", "m"}, {"seed", seed}, {"train_size", size}, {"method", {{"name", "lora"}}}};
  }

  testing::TempDir dir_;
  store::ExperimentStore store_{dir_ / "e.sqlite"};
  std::int64_t experiment_ = store_.createExperiment("ladder", "{}");
};

TEST_F(ExperimentResultsTest, AccuracyWithABootstrapIntervalFromThePredictions) {
  addRun("zero-shot", {{"name", "zero-shot"}, {"model", "m"}, {"seed", 0}, {"train_size", nullptr}}, 60, 100);
  const auto results = experimentResults(store_, experiment_);
  ASSERT_EQ(results.size(), 1u);
  const auto& r = results[0];
  EXPECT_EQ(r.examples, 100u);
  ASSERT_TRUE(r.accuracy.has_value());
  EXPECT_DOUBLE_EQ(r.accuracy->estimate, 0.6);
  // A 95% interval for 60/100 is about ±0.1 wide.
  EXPECT_GT(r.accuracy->lower, 0.48);
  EXPECT_LT(r.accuracy->lower, 0.53);
  EXPECT_GT(r.accuracy->upper, 0.67);
  EXPECT_LT(r.accuracy->upper, 0.72);
  EXPECT_EQ(r.trainable_params, 0);  // a design run trains nothing
  EXPECT_EQ(r.method, "design");
  ASSERT_TRUE(r.seconds.has_value());
  EXPECT_GE(*r.seconds, 0.0);
}

TEST_F(ExperimentResultsTest, ParetoPointsAverageSeedsAndMarkTheFront) {
  addRun("zero-shot", {{"name", "zero-shot"}, {"model", "m"}, {"seed", 0}, {"train_size", nullptr}}, 6, 10);
  addRun("lora · seed 1", lora(1, 8), 7, 10, 1000);
  addRun("lora · seed 2", lora(2, 8), 9, 10, 1000);
  addRun("full", {{"name", "full"}, {"model", "m"}, {"seed", 1}, {"train_size", 8}, {"method", {{"name", "full"}}}}, 75,
         100, 100000);
  const auto points = paretoPoints(experimentResults(store_, experiment_));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_TRUE(points[0].design);
  EXPECT_EQ(points[0].trainable_params, 0);
  EXPECT_TRUE(points[0].on_front);
  EXPECT_EQ(points[1].label, "lora (2 seeds)");
  EXPECT_DOUBLE_EQ(points[1].accuracy, 0.8);
  EXPECT_TRUE(points[1].on_front);
  EXPECT_EQ(points[2].method, "full");
  EXPECT_FALSE(points[2].on_front);  // more parameters, lower accuracy than LoRA
}

TEST_F(ExperimentResultsTest, DataEfficiencyIsMeanAndSpreadOverSeedsPerSize) {
  addRun("lora · n=8 · seed 1", lora(1, 8), 5, 10, 1000);
  addRun("lora · n=8 · seed 2", lora(2, 8), 7, 10, 1000);
  addRun("lora · n=32 · seed 1", lora(1, 32), 8, 10, 1000);
  addRun("lora · n=32 · seed 2", lora(2, 32), 9, 10, 1000);
  const auto points = dataEfficiency(experimentResults(store_, experiment_));
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].series, "lora");
  EXPECT_EQ(points[0].train_size, 8);
  EXPECT_DOUBLE_EQ(points[0].accuracy.mean, 0.6);
  EXPECT_DOUBLE_EQ(points[0].accuracy.min, 0.5);
  EXPECT_DOUBLE_EQ(points[0].accuracy.max, 0.7);
  EXPECT_EQ(points[0].values, (std::vector<double>{0.5, 0.7}));
  EXPECT_EQ(points[1].train_size, 32);
  EXPECT_DOUBLE_EQ(points[1].accuracy.mean, 0.85);
  EXPECT_EQ(points[1].accuracy.count, 2u);
}

TEST(IsoSeconds, ReadsTheStoresTimestamps) {
  EXPECT_DOUBLE_EQ(*isoSeconds("1970-01-02T00:00:01.500Z"), 86401.5);
  EXPECT_FALSE(isoSeconds("").has_value());
}

}  // namespace
}  // namespace pwb::experiment
