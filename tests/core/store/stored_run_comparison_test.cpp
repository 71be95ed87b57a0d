#include <gtest/gtest.h>

#include "../../support/temp_dir.h"
#include "store/stored_run_comparison.h"

namespace pwb::store {
namespace {

class StoredRunComparisonTest : public ::testing::Test {
 protected:
  PredictionRecord prediction(const std::string& id, const std::string& gold, const std::string& predicted) {
    return {"test", id, gold, predicted, gold == predicted, {}, ""};
  }

  testing::TempDir dir_;
  ExperimentStore store_{dir_ / "e.sqlite"};
  std::int64_t a_ = store_.createRun("design", "zero-shot", "{}");
  std::int64_t b_ = store_.createRun("tuning", "lora", "{}");
};

TEST_F(StoredRunComparisonTest, PairsExamplesByIdAndCountsTheAgreementTable) {
  // A right on 1,2,3,4; B right on 4,5. Example 6 only in A, 7 only in B.
  store_.appendPredictions(a_, {prediction("1", "pos", "pos"), prediction("2", "neg", "neg"),
                                prediction("3", "pos", "pos"), prediction("4", "neg", "neg"),
                                prediction("5", "pos", "neg"), prediction("6", "pos", "pos")});
  store_.appendPredictions(b_, {prediction("5", "pos", "pos"), prediction("4", "neg", "neg"),
                                prediction("3", "pos", "neg"), prediction("2", "neg", "pos"),
                                prediction("1", "pos", "neg"), prediction("7", "neg", "neg")});
  const auto result = compareStoredRuns(store_, a_, b_);
  ASSERT_EQ(result.examples.size(), 5u);
  EXPECT_EQ(result.examples[0].example_id, "1");  // A's order
  EXPECT_EQ(result.examples[0].predicted_b, "neg");
  EXPECT_EQ(result.only_in_a, 1u);
  EXPECT_EQ(result.only_in_b, 1u);
  EXPECT_EQ(result.comparison.table.both_right, 1u);    // 4
  EXPECT_EQ(result.comparison.table.only_a_right, 3u);  // 1, 2, 3
  EXPECT_EQ(result.comparison.table.only_b_right, 1u);  // 5
  EXPECT_EQ(result.comparison.table.both_wrong, 0u);
  // b = 3, c = 1: p = 2 · P(X ≤ 1), X ~ Bin(4, 1/2) = 2 · (1 + 4) / 16 = 0.625.
  EXPECT_DOUBLE_EQ(result.comparison.mcnemar_p, 0.625);
  EXPECT_EQ(result.comparison.only_b_right, (std::vector<std::size_t>{4}));
}

TEST_F(StoredRunComparisonTest, RefusesRunsOnDifferentData) {
  store_.appendPredictions(a_, {prediction("1", "pos", "pos")});
  store_.appendPredictions(b_, {prediction("1", "neg", "neg")});
  try {
    compareStoredRuns(store_, a_, b_);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("test/1 has gold label 'pos'"), std::string::npos) << e.what();
  }
}

TEST_F(StoredRunComparisonTest, RefusesRunsWithoutSharedExamplesAndMissingRuns) {
  store_.appendPredictions(a_, {prediction("1", "pos", "pos")});
  store_.appendPredictions(b_, {prediction("2", "pos", "pos")});
  EXPECT_THROW(compareStoredRuns(store_, a_, b_), std::invalid_argument);
  EXPECT_THROW(compareStoredRuns(store_, a_, 999), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::store
