#include "eval/seed_summary.h"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// Three seeds 0.6, 0.7, 0.8: mean 0.7, sd = √((0.01 + 0 + 0.01)/2) = 0.1,
// t(0.975, df 2) = 4.303, half-width = 4.3027·0.1/√3 = 0.24841 → [0.45159, 0.94841].
TEST(EvalSeedSummary, ThreeSeedsMatchHandValues) {
  const SeedSummary s = summarizeSeeds({0.6, 0.8, 0.7});
  EXPECT_EQ(s.count, 3u);
  EXPECT_NEAR(s.mean, 0.7, 1e-15);
  EXPECT_NEAR(s.standard_deviation, 0.1, 1e-15);
  EXPECT_EQ(s.min, 0.6);
  EXPECT_EQ(s.max, 0.8);
  EXPECT_NEAR(s.mean_interval.estimate, 0.7, 1e-15);
  EXPECT_NEAR(s.mean_interval.lower, 0.45159, 1e-5);
  EXPECT_NEAR(s.mean_interval.upper, 0.94841, 1e-5);
}

// Five seeds 1 2 3 4 5: mean 3, sd = √(10/4) = 1.58114, t(0.95, df 4) = 2.13185 (for 90 %),
// half-width = 2.13185·1.58114/√5 = 1.50744.
TEST(EvalSeedSummary, OtherConfidenceLevelsUseTheirQuantile) {
  const SeedSummary s = summarizeSeeds({1, 2, 3, 4, 5}, 0.90);
  EXPECT_NEAR(s.standard_deviation, std::sqrt(2.5), 1e-15);
  EXPECT_NEAR(s.mean_interval.lower, 3.0 - 1.50744, 1e-5);
  EXPECT_NEAR(s.mean_interval.upper, 3.0 + 1.50744, 1e-5);
}

TEST(EvalSeedSummary, OneSeedHasNoSpread) {
  const SeedSummary s = summarizeSeeds({0.62});
  EXPECT_EQ(s.mean, 0.62);
  EXPECT_EQ(s.min, 0.62);
  EXPECT_EQ(s.max, 0.62);
  EXPECT_TRUE(std::isnan(s.standard_deviation));
  EXPECT_TRUE(std::isnan(s.mean_interval.lower));
  EXPECT_TRUE(std::isnan(s.mean_interval.upper));
}

TEST(EvalSeedSummary, IdenticalSeedsHaveAZeroWidthInterval) {
  const SeedSummary s = summarizeSeeds({0.5, 0.5, 0.5, 0.5});
  EXPECT_EQ(s.standard_deviation, 0.0);
  EXPECT_EQ(s.mean_interval.lower, 0.5);
  EXPECT_EQ(s.mean_interval.upper, 0.5);
}

TEST(EvalSeedSummary, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(summarizeSeeds({}), "summarizeSeeds: values is empty");
  EXPECT_INVALID_ARGUMENT(summarizeSeeds({0.5, std::nan("")}), "values[1] = nan is not finite");
  EXPECT_INVALID_ARGUMENT(summarizeSeeds({0.5, 0.6}, 0.0), "confidence level");
}

}  // namespace
}  // namespace pwb::eval
