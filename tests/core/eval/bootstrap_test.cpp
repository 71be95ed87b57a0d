#include "eval/bootstrap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "eval/classification.h"
#include "eval/wilson.h"
#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// n examples with gold all 0 and the first `right` predicted 0 (right), the rest 1 (wrong).
struct Labelled {
  std::vector<Label> gold;
  std::vector<Label> predicted;
};

Labelled withAccuracy(std::size_t n, std::size_t right) {
  Labelled data;
  data.gold.assign(n, 0);
  data.predicted.assign(n, 1);
  for (std::size_t i = 0; i < right; ++i) data.predicted[i] = 0;
  return data;
}

ConfidenceInterval accuracyInterval(const Labelled& data, std::uint64_t seed) {
  BootstrapOptions options;
  options.seed = seed;
  return bootstrapInterval(data.gold, data.predicted, accuracy, options);
}

TEST(EvalBootstrap, IntervalContainsThePointEstimate) {
  const ConfidenceInterval ci = accuracyInterval(withAccuracy(200, 140), 1);
  EXPECT_DOUBLE_EQ(ci.estimate, 0.7);
  EXPECT_LT(ci.lower, 0.7);
  EXPECT_GT(ci.upper, 0.7);
}

// For accuracy the percentile bootstrap approximates the binomial interval: at n = 1000 and
// p̂ = 0.7 both are about ±0.028 (1.96·√(0.7·0.3/1000) = 0.0284).
TEST(EvalBootstrap, AccuracyIntervalAgreesWithWilson) {
  const ConfidenceInterval boot = accuracyInterval(withAccuracy(1000, 700), 3);
  const ConfidenceInterval wilson = wilsonInterval(700, 1000);
  EXPECT_NEAR(boot.lower, wilson.lower, 0.006);
  EXPECT_NEAR(boot.upper, wilson.upper, 0.006);
}

TEST(EvalBootstrap, MoreDataGivesANarrowerInterval) {
  const ConfidenceInterval small = accuracyInterval(withAccuracy(100, 70), 5);
  const ConfidenceInterval large = accuracyInterval(withAccuracy(2500, 1750), 5);
  // Widths scale as 1/√n: about 0.18 and 0.036.
  EXPECT_LT(large.upper - large.lower, 0.5 * (small.upper - small.lower));
  EXPECT_GT(large.upper - large.lower, 0.0);
}

TEST(EvalBootstrap, SameSeedSameIntervalOtherSeedAnother) {
  const Labelled data = withAccuracy(150, 90);
  const ConfidenceInterval a = accuracyInterval(data, 11);
  const ConfidenceInterval b = accuracyInterval(data, 11);
  const ConfidenceInterval c = accuracyInterval(data, 12);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_EQ(a.upper, b.upper);
  EXPECT_TRUE(a.lower != c.lower || a.upper != c.upper);
}

// Resamples of [0, n) with replacement: every index in range, n of them per resample.
TEST(EvalBootstrap, StatisticSeesResamplesOfTheExampleIndices) {
  std::size_t calls = 0;
  const auto largest_index = [&](const std::vector<std::size_t>& sample) {
    ++calls;
    EXPECT_EQ(sample.size(), 5u);
    std::size_t largest = 0;
    for (const std::size_t i : sample) largest = std::max(largest, i);
    return static_cast<double>(largest);
  };
  BootstrapOptions options;
  options.resamples = 200;
  const ConfidenceInterval ci = bootstrapInterval(5, largest_index, options);
  EXPECT_EQ(calls, 201u);  // all examples once, then each resample
  EXPECT_EQ(ci.estimate, 4.0);
  EXPECT_LE(ci.upper, 4.0);
  EXPECT_GE(ci.lower, 0.0);
}

// A constant statistic has a zero-width interval at its value; with resamples = 1 both
// quantiles are that one value.
TEST(EvalBootstrap, ConstantStatisticGivesAPointInterval) {
  BootstrapOptions options;
  options.resamples = 1;
  const ConfidenceInterval ci = bootstrapInterval(3, [](const std::vector<std::size_t>&) { return 0.25; }, options);
  EXPECT_EQ(ci.lower, 0.25);
  EXPECT_EQ(ci.upper, 0.25);
}

TEST(EvalBootstrap, MacroF1CanBeBootstrappedThroughTheLabelOverload) {
  const std::vector<Label> gold{0, 1, 2, 0, 1, 2, 0, 1, 2, 0};
  const std::vector<Label> predicted{0, 1, 2, 0, 2, 2, 1, 1, 2, 0};
  const auto macro_f1 = [](const std::vector<Label>& g, const std::vector<Label>& p) {
    return classificationReport(g, p, 3).macro_f1;
  };
  const ConfidenceInterval ci = bootstrapInterval(gold, predicted, macro_f1);
  EXPECT_DOUBLE_EQ(ci.estimate, classificationReport(gold, predicted, 3).macro_f1);
  EXPECT_LE(ci.lower, ci.estimate);
  EXPECT_GE(ci.upper, ci.estimate);
}

TEST(EvalBootstrap, BadInputThrowsWithTheReason) {
  const auto constant = [](const std::vector<std::size_t>&) { return 1.0; };
  EXPECT_INVALID_ARGUMENT(bootstrapInterval(0, constant), "bootstrapInterval: the example set is empty");
  BootstrapOptions no_resamples;
  no_resamples.resamples = 0;
  EXPECT_INVALID_ARGUMENT(bootstrapInterval(4, constant, no_resamples), "resamples is 0");
  BootstrapOptions bad_level;
  bad_level.confidence = 95.0;
  EXPECT_INVALID_ARGUMENT(bootstrapInterval(4, constant, bad_level), "confidence level 95.000000");
  EXPECT_INVALID_ARGUMENT(bootstrapInterval({0, 1}, {0}, accuracy), "gold has 2 entries but predicted has 1");
  const auto not_a_number = [](const std::vector<std::size_t>&) { return std::nan(""); };
  EXPECT_INVALID_ARGUMENT(bootstrapInterval(4, not_a_number), "the statistic returned nan on all examples");
}

}  // namespace
}  // namespace pwb::eval
