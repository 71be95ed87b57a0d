#include "design/rank_classification.h"

#include <gtest/gtest.h>

#include <cmath>

#include "design/contextual_calibration.h"

namespace pwb::design {
namespace {

TEST(RankClassification, ALabelTakesItsBestWordUnderTheChosenReduction) {
  Verbalizer v{{"0", "1"}, {{"terrible"}, {"great", "very good"}}};
  EXPECT_EQ(continuationsOf(v), (std::vector<std::string>{"terrible", "great", "very good"}));
  const std::vector<TokenLogLikelihoods> words = {{-2.0, -1.0}, {-4.0}, {-1.0, -2.0}};
  // Sum: terrible -3, great -4, very good -3 -> label 1 takes -3.
  EXPECT_EQ(labelScores(words, v, Reduction::Sum), (std::vector<double>{-3.0, -3.0}));
  // Mean: terrible -1.5, great -4, very good -1.5.
  EXPECT_EQ(labelScores(words, v, Reduction::Mean), (std::vector<double>{-1.5, -1.5}));
  EXPECT_THROW(labelScores({{-1.0}}, v, Reduction::Sum), std::out_of_range);
}

TEST(ContextualCalibration, DividesOutTheContentFreeBias) {
  // Two content-free inputs with probabilities (0.8, 0.2) and (0.6, 0.4): p_cf = (0.7, 0.3).
  const auto p_cf = contentFreeProbabilities({{std::log(0.8), std::log(0.2)}, {std::log(3.0), std::log(2.0)}});
  ASSERT_EQ(p_cf.size(), 2u);
  EXPECT_NEAR(p_cf[0], 0.7, 1e-12);
  EXPECT_NEAR(p_cf[1], 0.3, 1e-12);
  // An input the raw model calls label 0 with p = 0.6: 0.6/0.7 < 0.4/0.3, so label 1 wins.
  const auto calibrated = calibrateScores({std::log(0.6), std::log(0.4)}, p_cf);
  EXPECT_NEAR(calibrated[0], std::log(0.6 / 0.7), 1e-12);
  EXPECT_NEAR(calibrated[1], std::log(0.4 / 0.3), 1e-12);
  EXPECT_THROW(contentFreeProbabilities({}), std::invalid_argument);
  EXPECT_THROW(calibrateScores({0.0}, p_cf), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::design
