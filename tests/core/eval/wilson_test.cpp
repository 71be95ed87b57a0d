#include "eval/wilson.h"

#include <gtest/gtest.h>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// 45/50 at 95 %: p̂ = 0.9, z = 1.959964, z² = 3.841459, z²/n = 0.0768292, denominator 1.0768292.
// centre = (0.9 + 0.0384146) / 1.0768292 = 0.8714610
// half   = 1.959964 / 1.0768292 · √(0.09/50 + 3.841459/10000) = 1.8201237 · √0.0021841459
//        = 1.8201237 · 0.0467348 = 0.0850633
// interval = [0.7863977, 0.9565242]
TEST(EvalWilson, FortyFiveOfFiftyMatchesHandCalculation) {
  const ConfidenceInterval ci = wilsonInterval(45, 50);
  EXPECT_DOUBLE_EQ(ci.estimate, 0.9);
  EXPECT_NEAR(ci.lower, 0.7863977, 1e-7);
  EXPECT_NEAR(ci.upper, 0.9565242, 1e-7);
}

// 0/20: p̂ = 0, so half = z²/(2n)/(1 + z²/n) = centre: lower is 0 and
// upper = 2·(3.841459/40)/(1 + 3.841459/20) = 0.1920729/1.1920729 = 0.1611252.
TEST(EvalWilson, NoSuccessesStillGivesAnInterval) {
  const ConfidenceInterval ci = wilsonInterval(0, 20);
  EXPECT_EQ(ci.estimate, 0.0);
  EXPECT_EQ(ci.lower, 0.0);
  EXPECT_NEAR(ci.upper, 0.1611252, 1e-7);
  const ConfidenceInterval all = wilsonInterval(20, 20);
  EXPECT_EQ(all.upper, 1.0);
  EXPECT_NEAR(all.lower, 1.0 - 0.1611252, 1e-7);
}

TEST(EvalWilson, HigherConfidenceIsWider) {
  const ConfidenceInterval ci95 = wilsonInterval(30, 60);
  const ConfidenceInterval ci99 = wilsonInterval(30, 60, 0.99);
  EXPECT_LT(ci99.lower, ci95.lower);
  EXPECT_GT(ci99.upper, ci95.upper);
  // Symmetric around 0.5 at p̂ = 0.5.
  EXPECT_NEAR(ci95.lower + ci95.upper, 1.0, 1e-15);
}

TEST(EvalWilson, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(wilsonInterval(0, 0), "wilsonInterval: trials is 0");
  EXPECT_INVALID_ARGUMENT(wilsonInterval(6, 5), "successes (6) exceed trials (5)");
  EXPECT_INVALID_ARGUMENT(wilsonInterval(3, 5, 1.0), "confidence level");
}

}  // namespace
}  // namespace pwb::eval
