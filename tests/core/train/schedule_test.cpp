#include "train/schedule.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pwb::train {
namespace {

// 10 steps, 2 of warm-up; the values transformers' LambdaLR gives, worked by hand.
TEST(LearningRateSchedule, WarmsUpLinearlyFromZero) {
  for (const auto kind : {ScheduleKind::Constant, ScheduleKind::Linear, ScheduleKind::Cosine}) {
    const ScheduleOptions schedule{kind, 2};
    EXPECT_DOUBLE_EQ(learningRateFactor(schedule, 0, 10), 0.0);
    EXPECT_DOUBLE_EQ(learningRateFactor(schedule, 1, 10), 0.5);
    EXPECT_DOUBLE_EQ(learningRateFactor(schedule, 2, 10), 1.0);
  }
}

TEST(LearningRateSchedule, LinearDecaysToZeroAtTheEnd) {
  const ScheduleOptions linear{ScheduleKind::Linear, 2};
  EXPECT_DOUBLE_EQ(learningRateFactor(linear, 6, 10), 4.0 / 8.0);
  EXPECT_DOUBLE_EQ(learningRateFactor(linear, 9, 10), 1.0 / 8.0);
  EXPECT_DOUBLE_EQ(learningRateFactor(linear, 10, 10), 0.0);
  EXPECT_DOUBLE_EQ(learningRateFactor(linear, 12, 10), 0.0);
}

TEST(LearningRateSchedule, CosineFollowsHalfAPeriod) {
  const ScheduleOptions cosine{ScheduleKind::Cosine, 2};
  EXPECT_DOUBLE_EQ(learningRateFactor(cosine, 4, 10), 0.5 * (1.0 + std::cos(M_PI / 4.0)));  // 0.85355...
  EXPECT_NEAR(learningRateFactor(cosine, 6, 10), 0.5, 1e-15);
  EXPECT_NEAR(learningRateFactor(cosine, 10, 10), 0.0, 1e-15);
}

TEST(LearningRateSchedule, ConstantStaysAtThePeakAndNoWarmupStartsThere) {
  EXPECT_DOUBLE_EQ(learningRateFactor({ScheduleKind::Constant, 2}, 9, 10), 1.0);
  EXPECT_DOUBLE_EQ(learningRateFactor({ScheduleKind::Linear, 0}, 0, 4), 1.0);
  EXPECT_DOUBLE_EQ(learningRateFactor({ScheduleKind::Linear, 0}, 1, 4), 0.75);
}

TEST(LearningRateSchedule, NamesRoundTripAndUnknownIsAnError) {
  for (const auto kind : {ScheduleKind::Constant, ScheduleKind::Linear, ScheduleKind::Cosine}) {
    EXPECT_EQ(scheduleKindFromName(toString(kind)), kind);
  }
  EXPECT_THROW(scheduleKindFromName("polynomial"), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::train
