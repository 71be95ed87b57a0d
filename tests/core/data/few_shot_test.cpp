#include "data/few_shot.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <numeric>

#include "data/labels.h"
#include "data/split.h"

namespace pwb::data {
namespace {

using Indices = std::vector<std::size_t>;

// Labels cycle x, y, z; 90 examples.
Dataset cyclingLabels() {
  Dataset dataset;
  dataset.name = "cycle";
  dataset.labels = {"x", "y", "z"};
  for (std::size_t i = 0; i < 90; ++i) {
    dataset.examples.push_back({std::to_string(i), "t", "", dataset.labels[i % 3], i, {}});
  }
  return dataset;
}

Indices labelCountsOf(const Dataset& dataset, const Indices& chosen) {
  const Indices label_of = labelIndices(dataset);
  Indices counts(dataset.labels.size(), 0);
  for (const std::size_t index : chosen) ++counts[label_of[index]];
  return counts;
}

Indices sortedCopy(Indices indices) {
  std::sort(indices.begin(), indices.end());
  return indices;
}

TEST(FewShot, BalancedSpreadsKOverTheLabels) {
  const Dataset dataset = cyclingLabels();
  Indices pool(dataset.examples.size());
  std::iota(pool.begin(), pool.end(), std::size_t{0});
  FewShotOptions options;
  options.k = 6;
  EXPECT_EQ(labelCountsOf(dataset, selectFewShot(dataset, pool, options)), (Indices{2, 2, 2}));

  options.k = 7;  // one label gets the seventh; which one depends on the seed
  std::vector<bool> got_extra(3, false);
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    options.seed = seed;
    const Indices counts = labelCountsOf(dataset, selectFewShot(dataset, pool, options));
    EXPECT_EQ(*std::max_element(counts.begin(), counts.end()), 3u);
    EXPECT_EQ(*std::min_element(counts.begin(), counts.end()), 2u);
    for (std::size_t label = 0; label < 3; ++label) got_extra[label] = got_extra[label] || counts[label] == 3;
  }
  EXPECT_EQ(got_extra, (std::vector<bool>{true, true, true}));
}

TEST(FewShot, BalancedPassesOverALabelThatRunsOut) {
  const Dataset dataset = cyclingLabels();
  const Indices pool = {0, 1, 4, 7, 10, 2, 5, 8, 11, 14};  // one x, four y, five z
  FewShotOptions options;
  options.k = 8;
  const Indices chosen = selectFewShot(dataset, pool, options);
  EXPECT_EQ(chosen.size(), 8u);
  const Indices counts = labelCountsOf(dataset, chosen);
  EXPECT_EQ(counts[0], 1u);
  EXPECT_EQ(counts[1] + counts[2], 7u);
  EXPECT_LE(std::max(counts[1], counts[2]) - std::min(counts[1], counts[2]), 1u);
}

TEST(FewShot, NeverTakesAnExampleOutsideThePool) {
  const Dataset dataset = cyclingLabels();
  SplitOptions split_options;
  split_options.stratified = true;
  split_options.test = SplitSize::fraction(0.5);
  const Splits splits = split(dataset, split_options);
  for (const auto strategy : {FewShotStrategy::Random, FewShotStrategy::Balanced}) {
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      FewShotOptions options;
      options.strategy = strategy;
      options.k = 8;
      options.seed = seed;
      const Indices chosen = sortedCopy(selectFewShot(dataset, splits.train, options));
      EXPECT_EQ(std::adjacent_find(chosen.begin(), chosen.end()), chosen.end());  // distinct
      EXPECT_TRUE(std::includes(splits.train.begin(), splits.train.end(), chosen.begin(), chosen.end()));
      Indices leaked;
      std::set_intersection(chosen.begin(), chosen.end(), splits.test.begin(), splits.test.end(),
                            std::back_inserter(leaked));
      EXPECT_TRUE(leaked.empty());
    }
  }
}

TEST(FewShot, SameSeedSameExamplesInTheSameOrder) {
  const Dataset dataset = cyclingLabels();
  Indices pool(60);
  std::iota(pool.begin(), pool.end(), std::size_t{0});
  for (const auto strategy : {FewShotStrategy::Random, FewShotStrategy::Balanced}) {
    FewShotOptions options;
    options.strategy = strategy;
    options.k = 5;
    options.seed = 8;
    const Indices first = selectFewShot(dataset, pool, options);
    EXPECT_EQ(selectFewShot(dataset, pool, options), first);
    options.seed = 9;
    EXPECT_NE(selectFewShot(dataset, pool, options), first);
  }
}

TEST(FewShot, FixedExamplesMustComeFromThePool) {
  const Dataset dataset = cyclingLabels();
  const Indices pool = {3, 4, 5, 6};
  FewShotOptions options;
  options.strategy = FewShotStrategy::Fixed;
  options.fixed = {6, 3};
  EXPECT_EQ(selectFewShot(dataset, pool, options), (Indices{6, 3}));
  options.fixed = {6, 40};
  EXPECT_THROW(selectFewShot(dataset, pool, options), std::invalid_argument);
  options.fixed = {6, 6};
  EXPECT_THROW(selectFewShot(dataset, pool, options), std::invalid_argument);
}

TEST(FewShot, KCannotExceedThePool) {
  const Dataset dataset = cyclingLabels();
  FewShotOptions options;
  options.k = 3;
  EXPECT_THROW(selectFewShot(dataset, {1, 2}, options), std::invalid_argument);
  options.k = 0;
  EXPECT_TRUE(selectFewShot(dataset, {1, 2}, options).empty());
}

}  // namespace
}  // namespace pwb::data
