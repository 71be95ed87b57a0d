#include "eval/mcnemar.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pwb::eval {
namespace {

// b = 1, c = 6: n = 7, P(X <= 1) = (C(7,0) + C(7,1)) / 2^7 = (1 + 7)/128, p = 2·8/128 = 0.125.
TEST(EvalMcNemar, SmallTablesMatchHandBinomialSums) {
  EXPECT_NEAR(mcnemarExactP(1, 6), 0.125, 1e-14);
  // b = 2, c = 8: (1 + 10 + 45)/1024 = 56/1024, p = 112/1024 = 0.109375.
  EXPECT_NEAR(mcnemarExactP(2, 8), 0.109375, 1e-14);
  // b = 0, c = 5: 1/32, p = 2/32 = 0.0625.
  EXPECT_NEAR(mcnemarExactP(0, 5), 0.0625, 1e-14);
}

TEST(EvalMcNemar, SwappingTheRunsGivesTheSameP) {
  EXPECT_EQ(mcnemarExactP(6, 1), mcnemarExactP(1, 6));
  EXPECT_EQ(mcnemarExactP(40, 60), mcnemarExactP(60, 40));
}

// No discordant pairs: no evidence either way. b = c: P(X <= n/2) > 1/2, so 2·P is capped at 1
// (b = c = 3: 2·(1+6+15+20)/64 = 84/64 → 1). b = 0, c = 1: 2·(1/2) = 1.
TEST(EvalMcNemar, DegenerateAndBalancedTablesGiveOne) {
  EXPECT_EQ(mcnemarExactP(0, 0), 1.0);
  EXPECT_EQ(mcnemarExactP(3, 3), 1.0);
  EXPECT_EQ(mcnemarExactP(0, 1), 1.0);
  EXPECT_EQ(mcnemarExactP(50000, 50000), 1.0);
}

// Reference from exact big-integer binomial sums (Python): 40/60 → 0.0568879336409808.
TEST(EvalMcNemar, MediumTableMatchesExactSum) {
  EXPECT_NEAR(mcnemarExactP(40, 60), 0.0568879336409808, 1e-13);
}

// n = 100,000, where 2^−n underflows: the exact p is close to the continuity-corrected normal
// approximation 2·Φ(−(|b − c| − 1)/√n) = erfc(999/√100000/√2) ≈ 0.001582.
TEST(EvalMcNemar, LargeTableAgreesWithTheNormalApproximation) {
  const double p = mcnemarExactP(49500, 50500);
  const double normal = std::erfc(999.0 / std::sqrt(100000.0) / std::sqrt(2.0));
  EXPECT_NEAR(p, normal, 0.01 * normal);
  // Exact big-integer sum (Python): 0.00158235987885160.
  EXPECT_NEAR(p, 0.0015823598788516, 1e-11);
}

TEST(EvalMcNemar, OverwhelmingDifferenceUnderflowsToZeroNotNan) {
  EXPECT_EQ(mcnemarExactP(0, 100000), 0.0);
}

}  // namespace
}  // namespace pwb::eval
