#include "eval/uniform_index.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// The standard fixes std::mt19937_64's sequence; its first output for the default seed (5489)
// is 14514284786278117030.
constexpr std::uint64_t kFirstDraw = 14514284786278117030u;

TEST(EvalUniformIndex, GeneratorSequenceIsTheStandardOne) {
  std::mt19937_64 rng;
  EXPECT_EQ(rng(), kFirstDraw);
}

// bound 10: 2^64 mod 10 = 6, the draw is >= 6 so it is kept: 14514284786278117030 mod 10 = 0.
TEST(EvalUniformIndex, SmallBoundIsTheRemainderOfAnAcceptedDraw) {
  std::mt19937_64 rng;
  EXPECT_EQ(uniformIndex(rng, 10), 0u);
}

// bound 2^63 + 1: 2^64 mod bound = 2^63 − 1, so about half the draws are rejected. The first
// draw is above 2^63 − 1 and kept: 14514284786278117030 − (2^63 + 1) = 5290912749423341221.
TEST(EvalUniformIndex, HugeBoundKeepsAnAcceptedDrawModuloBound) {
  std::mt19937_64 rng;
  const std::uint64_t bound = (std::uint64_t{1} << 63) + 1;
  EXPECT_EQ(uniformIndex(rng, bound), 5290912749423341221u);
}

// Draws below 2^64 mod bound are skipped: with bound 2^64 − 1 only the draw 0 (never seen in
// practice) would be skipped, so the result equals the raw draw unless it is 2^64 − 1.
TEST(EvalUniformIndex, BoundOfAllButOneValueReturnsTheDraw) {
  std::mt19937_64 rng;
  EXPECT_EQ(uniformIndex(rng, std::numeric_limits<std::uint64_t>::max()), kFirstDraw);
}

TEST(EvalUniformIndex, EveryValueBelowTheBoundIsEquallyLikely) {
  std::mt19937_64 rng(7);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < 60000; ++i) {
    const std::uint64_t x = uniformIndex(rng, 6);
    ASSERT_LT(x, 6u);
    ++counts[x];
  }
  // Each count ~ Binomial(60000, 1/6): mean 10000, sd 91; 5 sd is 456.
  for (const int c : counts) EXPECT_NEAR(c, 10000, 456);
}

TEST(EvalUniformIndex, BoundZeroThrows) {
  std::mt19937_64 rng;
  EXPECT_INVALID_ARGUMENT(uniformIndex(rng, 0), "uniformIndex: bound is 0");
}

}  // namespace
}  // namespace pwb::eval
