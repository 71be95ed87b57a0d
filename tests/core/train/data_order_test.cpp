#include "train/data_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace pwb::train {
namespace {

TEST(DataOrder, EveryEpochVisitsEveryExampleOnceInANewOrder) {
  DataOrder order(10, 3);
  std::vector<std::size_t> first, second;
  for (int i = 0; i < 3; ++i) {
    const auto batch = order.next(4);  // 4, 4, then the 2 left
    first.insert(first.end(), batch.begin(), batch.end());
  }
  EXPECT_DOUBLE_EQ(order.epochs(), 1.0);
  for (int i = 0; i < 3; ++i) {
    const auto batch = order.next(4);
    second.insert(second.end(), batch.begin(), batch.end());
  }
  std::vector<std::size_t> all(10);
  std::iota(all.begin(), all.end(), std::size_t{0});
  auto sorted_first = first, sorted_second = second;
  std::sort(sorted_first.begin(), sorted_first.end());
  std::sort(sorted_second.begin(), sorted_second.end());
  EXPECT_EQ(sorted_first, all);
  EXPECT_EQ(sorted_second, all);
  EXPECT_NE(first, second);
  EXPECT_NE(first, all);
}

TEST(DataOrder, ARestoredPositionContinuesTheSameSequence) {
  DataOrder original(7, 11);
  original.next(5);
  original.next(5);
  original.next(3);  // epoch 1, offset 3
  const auto saved = original.position();
  EXPECT_EQ(saved.epoch, 1);
  EXPECT_EQ(saved.offset, 3u);
  DataOrder restored(7, 999);
  restored.restore(saved);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(restored.next(3), original.next(3)) << "batch " << i;
}

TEST(DataOrder, AnUnreadablePositionIsAnError) {
  DataOrder order(4, 1);
  DataPosition bad = order.position();
  bad.offset = 5;
  EXPECT_THROW(order.restore(bad), std::invalid_argument);
  bad.offset = 0;
  bad.rng_at_epoch_start = "not a generator";
  EXPECT_THROW(order.restore(bad), std::invalid_argument);
  EXPECT_THROW(DataOrder(0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::train
