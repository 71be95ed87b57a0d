#include "eval/softmax.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// Scores log 1, log 2, log 5 → probabilities 1/8, 2/8, 5/8.
TEST(EvalSoftmax, ProbabilitiesAreNormalisedExponentials) {
  const std::vector<double> p = softmax({std::log(1.0), std::log(2.0), std::log(5.0)});
  ASSERT_EQ(p.size(), 3u);
  EXPECT_NEAR(p[0], 0.125, 1e-15);
  EXPECT_NEAR(p[1], 0.25, 1e-15);
  EXPECT_NEAR(p[2], 0.625, 1e-15);
}

// Log-likelihoods of long label words: exp(−1000) is 0 in doubles, the difference is what counts.
TEST(EvalSoftmax, VeryNegativeLogLikelihoodsDoNotUnderflow) {
  const std::vector<double> p = softmax({-1000.0, -1000.0 + std::log(3.0)});
  EXPECT_NEAR(p[0], 0.25, 1e-12);
  EXPECT_NEAR(p[1], 0.75, 1e-12);
}

TEST(EvalSoftmax, MinusInfinityIsAnImpossibleLabel) {
  const double minus_inf = -std::numeric_limits<double>::infinity();
  const std::vector<double> p = softmax({minus_inf, 0.0, 0.0});
  EXPECT_EQ(p[0], 0.0);
  EXPECT_DOUBLE_EQ(p[1], 0.5);
  EXPECT_DOUBLE_EQ(p[2], 0.5);
}

TEST(EvalSoftmax, PredictionIsTheArgmaxWithItsProbability) {
  const ScoredPrediction p = predictFromScores({std::log(1.0), std::log(5.0), std::log(2.0)});
  EXPECT_EQ(p.label, 1u);
  EXPECT_NEAR(p.confidence, 0.625, 1e-15);
}

TEST(EvalSoftmax, TiesGoToTheLowestIndex) {
  const ScoredPrediction p = predictFromScores({-2.0, -1.0, -1.0});
  EXPECT_EQ(p.label, 1u);
}

TEST(EvalSoftmax, BadScoresThrowWithTheReason) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_INVALID_ARGUMENT(softmax({}), "softmax: scores is empty");
  EXPECT_INVALID_ARGUMENT(softmax({0.0, std::nan("")}), "scores[1]");
  EXPECT_INVALID_ARGUMENT(softmax({inf, 0.0}), "scores[0] is inf");
  EXPECT_INVALID_ARGUMENT(softmax({-inf, -inf}), "every score is -infinity");
  EXPECT_INVALID_ARGUMENT(predictFromScores({}), "predictFromScores: scores is empty");
}

}  // namespace
}  // namespace pwb::eval
