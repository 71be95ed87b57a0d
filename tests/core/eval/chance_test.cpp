#include "eval/chance.h"

#include <gtest/gtest.h>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

TEST(EvalChance, UniformChanceIsOneOverK) {
  EXPECT_DOUBLE_EQ(chanceLevel(2), 0.5);
  EXPECT_DOUBLE_EQ(chanceLevel(6), 1.0 / 6.0);
}

// Labels 0 1 1 2 1 0 1: counts 2, 4, 1; the majority class (1) is right on 4 of 7.
TEST(EvalChance, MajorityRateComesFromTheClassCounts) {
  const std::vector<std::size_t> counts = classCounts({0, 1, 1, 2, 1, 0, 1}, 4);
  EXPECT_EQ(counts, (std::vector<std::size_t>{2, 4, 1, 0}));
  EXPECT_DOUBLE_EQ(majorityClassRate(counts), 4.0 / 7.0);
}

TEST(EvalChance, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(chanceLevel(0), "chanceLevel: the number of classes is 0");
  EXPECT_INVALID_ARGUMENT(classCounts({}, 2), "classCounts: labels is empty");
  EXPECT_INVALID_ARGUMENT(classCounts({0, 3}, 3), "labels[1] = 3 is not a class index below 3");
  EXPECT_INVALID_ARGUMENT(classCounts({0}, 0), "number of classes is 0");
  EXPECT_INVALID_ARGUMENT(majorityClassRate({}), "majorityClassRate: counts is empty");
  EXPECT_INVALID_ARGUMENT(majorityClassRate({0, 0}), "every class count is 0");
}

}  // namespace
}  // namespace pwb::eval
