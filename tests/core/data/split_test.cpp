#include "data/split.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "data/labels.h"

namespace pwb::data {
namespace {

using Indices = std::vector<std::size_t>;

// 60 "a", then 30 "b", then 11 "c": grouped, like a file sorted by label.
Dataset threeLabels() {
  Dataset dataset;
  dataset.name = "synthetic";
  dataset.labels = {"a", "b", "c"};
  const std::size_t counts[3] = {60, 30, 11};
  for (std::size_t label = 0; label < 3; ++label) {
    for (std::size_t i = 0; i < counts[label]; ++i) {
      const std::size_t line = dataset.examples.size() + 2;
      dataset.examples.push_back({std::to_string(line), "text", "", dataset.labels[label], line, {}});
    }
  }
  return dataset;
}

bool isSubset(const Indices& small, const Indices& large) {
  return std::includes(large.begin(), large.end(), small.begin(), small.end());
}

Indices countsIn(const Dataset& dataset, const Indices& indices) {
  const Indices label_of = labelIndices(dataset);
  Indices counts(dataset.labels.size(), 0);
  for (const std::size_t index : indices) ++counts[label_of[index]];
  return counts;
}

// Every label's count in `part` is its share of part.size() rounded down or up.
void expectProportional(const Dataset& dataset, const Indices& whole, const Indices& part) {
  const Indices in_whole = countsIn(dataset, whole);
  const Indices in_part = countsIn(dataset, part);
  for (std::size_t c = 0; c < in_whole.size(); ++c) {
    const std::size_t product = in_whole[c] * part.size();
    EXPECT_GE(in_part[c], product / whole.size()) << "label " << dataset.labels[c];
    EXPECT_LE(in_part[c], (product + whole.size() - 1) / whole.size()) << "label " << dataset.labels[c];
  }
}

void expectDisjointAndCovering(const Splits& splits, std::size_t total) {
  for (const Indices* part : {&splits.train, &splits.validation, &splits.test}) {
    EXPECT_TRUE(std::is_sorted(part->begin(), part->end()));
  }
  Indices all;
  all.insert(all.end(), splits.train.begin(), splits.train.end());
  all.insert(all.end(), splits.validation.begin(), splits.validation.end());
  all.insert(all.end(), splits.test.begin(), splits.test.end());
  std::sort(all.begin(), all.end());
  Indices expected(total);
  std::iota(expected.begin(), expected.end(), std::size_t{0});
  EXPECT_EQ(all, expected);  // no index twice, none missing
}

TEST(Split, DisjointCoveringAndSizedByFractions) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.validation = SplitSize::fraction(0.1);  // 10.1 -> 10
  options.test = SplitSize::fraction(0.25);       // 25.25 -> 25
  const Splits splits = split(dataset, options);
  EXPECT_EQ(splits.validation.size(), 10u);
  EXPECT_EQ(splits.test.size(), 25u);
  EXPECT_EQ(splits.train.size(), 66u);
  expectDisjointAndCovering(splits, dataset.examples.size());
}

TEST(Split, SizedByCounts) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.validation = SplitSize::count(7);
  options.test = SplitSize::count(0);
  const Splits splits = split(dataset, options);
  EXPECT_EQ(splits.validation.size(), 7u);
  EXPECT_TRUE(splits.test.empty());
  EXPECT_EQ(splits.train.size(), 94u);
  expectDisjointAndCovering(splits, dataset.examples.size());
}

TEST(Split, SameSeedSameSplitsOtherSeedOtherSplits) {
  const Dataset dataset = threeLabels();
  for (const bool stratified : {false, true}) {
    SplitOptions options;
    options.stratified = stratified;
    options.seed = 11;
    const Splits first = split(dataset, options);
    const Splits again = split(dataset, options);
    EXPECT_EQ(first.train, again.train);
    EXPECT_EQ(first.validation, again.validation);
    EXPECT_EQ(first.test, again.test);
    options.seed = 12;
    EXPECT_NE(split(dataset, options).test, first.test);
  }
}

TEST(Split, StratifiedSplitsKeepEveryLabelInProportion) {
  const Dataset dataset = threeLabels();
  Indices all(dataset.examples.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  for (const std::size_t test_size : {3u, 10u, 17u, 50u}) {
    for (std::uint64_t seed = 0; seed < 5; ++seed) {
      SplitOptions options;
      options.stratified = true;
      options.seed = seed;
      options.test = SplitSize::count(test_size);
      options.validation = SplitSize::count(13);
      const Splits splits = split(dataset, options);
      ASSERT_EQ(splits.test.size(), test_size);
      ASSERT_EQ(splits.validation.size(), 13u);
      expectDisjointAndCovering(splits, dataset.examples.size());
      expectProportional(dataset, all, splits.train);
      expectProportional(dataset, all, splits.validation);
      expectProportional(dataset, all, splits.test);
    }
  }
}

TEST(Split, TheTestSetDependsOnlyOnTheSeedAndItsSize) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.seed = 5;
  options.test = SplitSize::count(20);
  options.validation = SplitSize::count(5);
  const Indices test = split(dataset, options).test;
  options.validation = SplitSize::count(30);
  EXPECT_EQ(split(dataset, options).test, test);
}

TEST(Split, RejectsSizesThatDoNotFit) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.test = SplitSize::fraction(1.5);
  EXPECT_THROW(split(dataset, options), std::invalid_argument);
  options.test = SplitSize::count(102);
  EXPECT_THROW(split(dataset, options), std::invalid_argument);
  options.test = SplitSize::fraction(0.6);
  options.validation = SplitSize::fraction(0.5);
  EXPECT_THROW(split(dataset, options), std::invalid_argument);
}

TEST(Subsample, NestedInsideThePoolForOneSeed) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.seed = 3;
  const Indices pool = split(dataset, options).train;
  for (const bool stratified : {false, true}) {
    Indices previous;
    for (const std::size_t size : {0u, 8u, 16u, 32u, 64u, 81u}) {
      const Indices subset = subsample(dataset, pool, size, stratified, 9);
      ASSERT_EQ(subset.size(), size);
      EXPECT_TRUE(std::is_sorted(subset.begin(), subset.end()));
      EXPECT_TRUE(isSubset(subset, pool));
      EXPECT_TRUE(isSubset(previous, subset)) << "size " << size << (stratified ? " stratified" : "");
      previous = subset;
    }
    EXPECT_EQ(previous, pool);
  }
}

TEST(Subsample, StratifiedSubsamplesOfEverySizeAreProportional) {
  const Dataset dataset = threeLabels();
  SplitOptions options;
  options.seed = 4;
  const Indices pool = split(dataset, options).train;
  for (std::size_t size = 1; size <= pool.size(); ++size) {
    expectProportional(dataset, pool, subsample(dataset, pool, size, true, 21));
  }
}

TEST(Subsample, SeededAndChecked) {
  const Dataset dataset = threeLabels();
  Indices pool(50);
  std::iota(pool.begin(), pool.end(), std::size_t{20});
  EXPECT_EQ(subsample(dataset, pool, 10, false, 1), subsample(dataset, pool, 10, false, 1));
  EXPECT_NE(subsample(dataset, pool, 10, false, 1), subsample(dataset, pool, 10, false, 2));
  EXPECT_THROW(subsample(dataset, pool, 51, false, 1), std::invalid_argument);
  EXPECT_THROW(subsample(dataset, {1, 1}, 1, false, 1), std::invalid_argument);
  EXPECT_THROW(subsample(dataset, {500}, 1, false, 1), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::data
