#include "data/apportion.h"

#include <gtest/gtest.h>

#include <numeric>

#include "data/random.h"

namespace pwb::data {
namespace {

using Sizes = std::vector<std::size_t>;

// value is floor(numerator / denominator) or ceil(numerator / denominator).
::testing::AssertionResult roundsProportionally(std::size_t value, std::uint64_t numerator, std::uint64_t denominator) {
  const std::uint64_t low = numerator / denominator;
  const std::uint64_t high = (numerator + denominator - 1) / denominator;
  if (value >= low && value <= high) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << value << " is not " << numerator << "/" << denominator << " rounded";
}

Sizes randomSizes(Rng& rng, std::size_t count, std::uint64_t max) {
  Sizes sizes(count);
  for (auto& size : sizes) size = static_cast<std::size_t>(uniformBelow(rng, max + 1));
  return sizes;
}

// Random part sizes that add up to total.
Sizes randomParts(Rng& rng, std::size_t total, std::size_t parts) {
  Sizes sizes(parts, 0);
  for (std::size_t i = 0; i < total; ++i) ++sizes[uniformBelow(rng, parts)];
  return sizes;
}

TEST(Apportion, EachCellIsItsShareRoundedAndTheMarginsAreExact) {
  Rng rng(1);
  for (int trial = 0; trial < 500; ++trial) {
    const Sizes classes = randomSizes(rng, 1 + uniformBelow(rng, 6), 1 + uniformBelow(rng, 40));
    const std::size_t total = std::accumulate(classes.begin(), classes.end(), std::size_t{0});
    const Sizes parts = randomParts(rng, total, 1 + uniformBelow(rng, 4));
    const auto counts = apportion(classes, parts);
    ASSERT_EQ(counts.size(), classes.size());
    Sizes column_sums(parts.size(), 0);
    for (std::size_t c = 0; c < classes.size(); ++c) {
      EXPECT_EQ(std::accumulate(counts[c].begin(), counts[c].end(), std::size_t{0}), classes[c]);
      for (std::size_t s = 0; s < parts.size(); ++s) {
        if (total > 0) {
          EXPECT_TRUE(roundsProportionally(counts[c][s], std::uint64_t{classes[c]} * parts[s], total));
        }
        column_sums[s] += counts[c][s];
      }
    }
    EXPECT_EQ(column_sums, parts);
  }
}

TEST(Apportion, ResolvesTiesThatRoundingEachCellAloneWouldBreak) {
  // Every share is 1/3: rounding cells one by one gives all zeros or all ones.
  const auto counts = apportion({1, 1, 1}, {1, 1, 1});
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(counts[i][0] + counts[i][1] + counts[i][2], 1u);
    EXPECT_EQ(counts[0][i] + counts[1][i] + counts[2][i], 1u);
  }
  EXPECT_THROW(apportion({2, 2}, {3}), std::invalid_argument);
}

TEST(Apportion, EveryPrefixOfTheSequenceIsProportional) {
  EXPECT_EQ(proportionalSequence({2, 1}), (Sizes{0, 0, 1}));
  EXPECT_EQ(proportionalSequence({1, 0, 3}), (Sizes{2, 2, 0, 2}));
  Rng rng(2);
  for (int trial = 0; trial < 300; ++trial) {
    const Sizes classes = randomSizes(rng, 1 + uniformBelow(rng, 8), 1 + uniformBelow(rng, 60));
    const std::size_t total = std::accumulate(classes.begin(), classes.end(), std::size_t{0});
    const Sizes sequence = proportionalSequence(classes);
    ASSERT_EQ(sequence.size(), total);
    Sizes seen(classes.size(), 0);
    for (std::size_t p = 1; p <= total; ++p) {
      ++seen[sequence[p - 1]];
      for (std::size_t c = 0; c < classes.size(); ++c) {
        ASSERT_TRUE(roundsProportionally(seen[c], std::uint64_t{p} * classes[c], total)) << "prefix " << p;
      }
    }
    EXPECT_EQ(seen, classes);
  }
}

}  // namespace
}  // namespace pwb::data
