#include "eval/run_comparison.h"

#include <gtest/gtest.h>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// index:     0 1 2 3 4 5 6 7 8
// A right:   y y n y n n y y n
// B right:   y n y n n y y y y
// both right {0, 6, 7}, only A {1, 3}, only B {2, 5, 8}, both wrong {4}.
// McNemar b = 2, c = 3: n = 5, P(X <= 2) = (1+5+10)/32 = 1/2, p = min(1, 1) = 1.
TEST(EvalRunComparison, TableAndIndexListsFromCorrectness) {
  const RunComparison r = compareRuns(std::vector<bool>{true, true, false, true, false, false, true, true, false},
                                      std::vector<bool>{true, false, true, false, false, true, true, true, true});
  EXPECT_EQ(r.table.both_right, 3u);
  EXPECT_EQ(r.table.only_a_right, 2u);
  EXPECT_EQ(r.table.only_b_right, 3u);
  EXPECT_EQ(r.table.both_wrong, 1u);
  EXPECT_EQ(r.only_a_right, (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(r.only_b_right, (std::vector<std::size_t>{2, 5, 8}));
  EXPECT_NEAR(r.mcnemar_p, 1.0, 1e-14);
}

// gold 0 1 2 0 1 2 0 1; A = gold except at 7; B wrong at 1, 2, 3, 4, 5, 6, right at 0 and 7.
// only A right {1..6} (b = 6), only B right {7} (c = 1): p = 2·(1 + 7)/128 = 0.125.
TEST(EvalRunComparison, FromLabelsARunIsRightWherePredictionEqualsGold) {
  const std::vector<Label> gold{0, 1, 2, 0, 1, 2, 0, 1};
  const std::vector<Label> a{0, 1, 2, 0, 1, 2, 0, 0};
  const std::vector<Label> b{0, 0, 0, 1, 0, 0, 1, 1};
  const RunComparison r = compareRuns(gold, a, b);
  EXPECT_EQ(r.table.both_right, 1u);
  EXPECT_EQ(r.table.only_a_right, 6u);
  EXPECT_EQ(r.table.only_b_right, 1u);
  EXPECT_EQ(r.table.both_wrong, 0u);
  EXPECT_EQ(r.only_a_right, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(r.only_b_right, (std::vector<std::size_t>{7}));
  EXPECT_NEAR(r.mcnemar_p, 0.125, 1e-14);
}

TEST(EvalRunComparison, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(compareRuns(std::vector<bool>{true}, std::vector<bool>{true, false}),
                          "compareRuns: a_correct has 1 entries but b_correct has 2");
  EXPECT_INVALID_ARGUMENT(compareRuns(std::vector<bool>{}, std::vector<bool>{}), "a_correct is empty");
  EXPECT_INVALID_ARGUMENT(compareRuns(std::vector<Label>{0, 1}, std::vector<Label>{0, 1}, std::vector<Label>{0}),
                          "gold has 2 entries but predicted_b has 1");
  EXPECT_INVALID_ARGUMENT(compareRuns(std::vector<Label>{0}, std::vector<Label>{}, std::vector<Label>{0}),
                          "gold has 1 entries but predicted_a has 0");
  EXPECT_INVALID_ARGUMENT(compareRuns(std::vector<Label>{}, std::vector<Label>{}, std::vector<Label>{}),
                          "compareRuns: gold is empty");
}

}  // namespace
}  // namespace pwb::eval
