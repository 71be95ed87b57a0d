#include "eval/quantiles.h"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

constexpr double kPi = 3.141592653589793;

TEST(EvalQuantiles, NormalQuantilesMatchReferenceValues) {
  // Reference values computed with mpmath at 30 digits.
  EXPECT_NEAR(normalQuantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normalQuantile(0.025), -1.959963984540054, 1e-14);
  EXPECT_EQ(normalQuantile(0.5), 0.0);
  EXPECT_NEAR(normalQuantile(1e-10), -6.361340902404056, 1e-12);
}

// Two cases with closed forms: ν = 1 is the Cauchy distribution, t = tan(π(p − ½));
// ν = 2 has P(|T| <= t) = t/√(2 + t²), so with a = 2p − 1, t = a·√(2/(1 − a²)).
// At p = 0.975: tan(0.475π) = 12.7062047..., and a = 0.95 gives 0.95·√(2/0.0975) = 4.3026527...
TEST(EvalQuantiles, StudentTMatchesClosedFormsForOneAndTwoDegrees) {
  EXPECT_NEAR(studentTQuantile(0.975, 1), std::tan(kPi * 0.475), 1e-9);
  EXPECT_NEAR(studentTQuantile(0.975, 2), 0.95 * std::sqrt(2.0 / 0.0975), 1e-12);
  EXPECT_NEAR(studentTQuantile(0.975, 2), 4.303, 5e-4);  // the textbook table value
  EXPECT_NEAR(studentTQuantile(0.9, 1), std::tan(kPi * 0.4), 1e-9);
}

TEST(EvalQuantiles, StudentTMatchesReferenceValues) {
  // mpmath: root of 1 − I_{ν/(ν+t²)}(ν/2, 1/2)/2 = p.
  EXPECT_NEAR(studentTQuantile(0.975, 5), 2.570581835636315, 1e-12);
  EXPECT_NEAR(studentTQuantile(0.975, 10), 2.228138851986274, 1e-12);
  EXPECT_NEAR(studentTQuantile(0.975, 30), 2.042272456301238, 1e-12);
  EXPECT_NEAR(studentTQuantile(0.995, 3), 5.840909309733355, 1e-11);
  EXPECT_NEAR(studentTQuantile(0.9, 4), 1.533206274058944, 1e-12);
  EXPECT_NEAR(studentTQuantile(0.975, 1000), 1.962339080826408, 1e-12);
}

TEST(EvalQuantiles, StudentTIsSymmetricAndTendsToTheNormal) {
  EXPECT_EQ(studentTQuantile(0.5, 7), 0.0);
  EXPECT_DOUBLE_EQ(studentTQuantile(0.025, 7), -studentTQuantile(0.975, 7));
  EXPECT_NEAR(studentTQuantile(0.975, 100000), normalQuantile(0.975), 1e-4);
}

TEST(EvalQuantiles, BadArgumentsThrowWithTheReason) {
  EXPECT_INVALID_ARGUMENT(normalQuantile(0.0), "normalQuantile: probability 0.000000 is not strictly between");
  EXPECT_INVALID_ARGUMENT(normalQuantile(1.0), "not strictly between 0 and 1");
  EXPECT_INVALID_ARGUMENT(normalQuantile(std::nan("")), "normalQuantile: probability nan");
  EXPECT_INVALID_ARGUMENT(studentTQuantile(1.2, 3), "studentTQuantile: probability 1.200000");
  EXPECT_INVALID_ARGUMENT(studentTQuantile(0.975, 0), "degrees of freedom is 0");
}

}  // namespace
}  // namespace pwb::eval
