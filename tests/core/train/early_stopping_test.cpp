#include "train/early_stopping.h"

#include <gtest/gtest.h>

namespace pwb::train {
namespace {

TEST(EarlyStopping, StopsAfterPatienceEvaluationsWithoutImprovementBeyondMinDelta) {
  EarlyStopping stopping({"loss", false, 2, 0.01});
  EXPECT_FALSE(stopping.update(1.0));
  EXPECT_FALSE(stopping.update(0.9));    // improved
  EXPECT_FALSE(stopping.update(0.895));  // better, but by less than min_delta: stale 1
  EXPECT_EQ(stopping.evaluationsWithoutImprovement(), 1);
  EXPECT_TRUE(stopping.update(0.95));    // stale 2 = patience
  EXPECT_DOUBLE_EQ(*stopping.best(), 0.9);
}

TEST(EarlyStopping, HigherIsBetterForAccuracyAndAnImprovementResetsTheCount) {
  EarlyStopping stopping({"accuracy", true, 2, 0.0});
  EXPECT_FALSE(stopping.update(0.5));
  EXPECT_FALSE(stopping.update(0.5));  // equal is not better
  EXPECT_FALSE(stopping.update(0.6));
  EXPECT_EQ(stopping.evaluationsWithoutImprovement(), 0);
  EXPECT_FALSE(stopping.update(0.4));
  EXPECT_TRUE(stopping.update(0.55));
}

TEST(EarlyStopping, RestoredStateContinues) {
  EarlyStopping stopping({"loss", false, 3, 0.0});
  stopping.restore(0.5, 2);
  EXPECT_TRUE(stopping.update(0.6));
}

}  // namespace
}  // namespace pwb::train
