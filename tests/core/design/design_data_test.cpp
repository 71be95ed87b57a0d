#include "design/design_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unordered_set>

#include "../eval/expect_invalid_argument.h"
#include "design/design_records.h"

namespace pwb::design {
namespace {

TEST(DesignData, ABuiltInsTrainPartGivesTheDemonstrations) {
  DesignDataOptions options;
  options.source = "sst2";
  options.limit = 20;
  const auto data = loadDesignData(options);
  EXPECT_EQ(data.split, "dev");
  EXPECT_EQ(data.dataset.roles.text, "sentence");
  EXPECT_EQ(data.label_names, (std::vector<std::string>{"negative", "positive"}));
  ASSERT_EQ(data.evaluated.size(), 20u);
  const std::unordered_set<std::size_t> pool(data.demonstration_pool.begin(), data.demonstration_pool.end());
  for (const auto i : data.evaluated) {
    EXPECT_EQ(pool.count(i), 0u);
    EXPECT_NE(data.dataset.examples[i].id.rfind("train:", 0), 0u);
  }
  EXPECT_EQ(data.dataset.examples[data.demonstration_pool.front()].id.rfind("train:", 0), 0u);
  options.split = "test";
  EXPECT_INVALID_ARGUMENT(loadDesignData(options), "has no split \"test\" to evaluate (its parts: train, dev;");
}

TEST(DesignData, AFileIsSplitAndItsTestPartEvaluated) {
  const auto file = std::filesystem::temp_directory_path() / "design_data_test.csv";
  {
    std::ofstream out(file);
    out << "text,label\n";
    for (int i = 0; i < 20; ++i) out << "line " << i << "," << (i % 2 == 0 ? "a" : "b") << "\n";
  }
  DesignDataOptions options;
  options.source = file.string();
  const auto data = loadDesignData(options);
  EXPECT_EQ(data.split, "test");
  EXPECT_EQ(data.evaluated.size(), 2u);
  EXPECT_EQ(data.demonstration_pool.size(), 16u);
  EXPECT_TRUE(data.label_names.empty());
  options.split = "train";
  EXPECT_INVALID_ARGUMENT(loadDesignData(options), "split \"train\" cannot be evaluated");
  std::filesystem::remove(file);
}

TEST(DesignRecords, PredictionsAndMetricsInTheStoresShapes) {
  DesignResult result;
  result.labels = {"neg", "pos"};
  result.predictions = {{"7", 1, 1, {-2.0, -0.5}, 0.8, true, "", false},
                        {"9", 0, 1, {-1.0, -0.75}, 0.5, false, "it is \"fine\"", true}};
  result.metrics = summarize(result.predictions, 2);
  const auto table = predictionTable(result);
  EXPECT_EQ(table.header, (std::vector<std::string>{"example_id", "gold", "predicted", "correct", "confidence", "score:neg",
                                                    "score:pos", "rationale"}));
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"9", "neg", "pos", "0", "0.5", "-1", "-0.75", "it is \"fine\""}));
  const auto records = predictionRecords(result, "test");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].gold, "neg");
  EXPECT_EQ(records[1].scores.at("pos"), -0.75);
  EXPECT_EQ(records[1].rationale, "it is \"fine\"");
  std::map<std::string, double> points;
  for (const auto& p : metricPoints(result, "test")) {
    EXPECT_EQ(p.split, "test");
    points[p.name] = p.value;
  }
  EXPECT_EQ(points.size(), 13u);
  EXPECT_DOUBLE_EQ(points.at("accuracy"), 0.5);
  EXPECT_DOUBLE_EQ(points.at("precision/pos"), 0.5);
  EXPECT_DOUBLE_EQ(points.at("recall/neg"), 0.0);
  EXPECT_DOUBLE_EQ(points.at("macro_f1"), (0.0 + 2.0 / 3.0) / 2.0);
}

}  // namespace
}  // namespace pwb::design
