#include "data/split.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "data/apportion.h"
#include "data/pool.h"
#include "data/random.h"

namespace pwb::data {
namespace {

std::vector<std::size_t> sorted(std::vector<std::size_t> indices) {
  std::sort(indices.begin(), indices.end());
  return indices;
}

std::vector<std::size_t> allIndices(const Dataset& dataset) {
  std::vector<std::size_t> indices(dataset.examples.size());
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  return indices;
}

std::vector<std::size_t> sizesOf(const std::vector<std::vector<std::size_t>>& groups) {
  std::vector<std::size_t> sizes;
  for (const auto& group : groups) sizes.push_back(group.size());
  return sizes;
}

}  // namespace

SplitSize SplitSize::fraction(double share) { return SplitSize(share, 0, true); }

SplitSize SplitSize::count(std::size_t examples) { return SplitSize(0.0, examples, false); }

std::size_t SplitSize::of(std::size_t total) const {
  if (!is_fraction_) {
    if (examples_ > total) {
      throw std::invalid_argument("a split of " + std::to_string(examples_) + " examples asked from " +
                                  std::to_string(total));
    }
    return examples_;
  }
  if (!(share_ >= 0.0 && share_ <= 1.0)) {
    throw std::invalid_argument("a split fraction must be between 0 and 1, not " + std::to_string(share_));
  }
  return static_cast<std::size_t>(std::floor(share_ * static_cast<double>(total) + 0.5));
}

Splits split(const Dataset& dataset, const SplitOptions& options) {
  const std::size_t total = dataset.examples.size();
  const std::size_t test_size = options.test.of(total);
  const std::size_t validation_size = options.validation.of(total);
  if (test_size + validation_size > total) {
    throw std::invalid_argument("validation (" + std::to_string(validation_size) + ") and test (" +
                                std::to_string(test_size) + ") together exceed the " + std::to_string(total) +
                                " examples");
  }
  Rng rng(options.seed);
  Splits splits;
  const auto deal = [&](const std::vector<std::size_t>& order, std::size_t tests, std::size_t validations) {
    const auto first = order.begin();
    splits.test.insert(splits.test.end(), first, first + static_cast<std::ptrdiff_t>(tests));
    splits.validation.insert(splits.validation.end(), first + static_cast<std::ptrdiff_t>(tests),
                             first + static_cast<std::ptrdiff_t>(tests + validations));
    splits.train.insert(splits.train.end(), first + static_cast<std::ptrdiff_t>(tests + validations), order.end());
  };

  if (!options.stratified) {
    std::vector<std::size_t> order = allIndices(dataset);
    shuffle(order, rng);
    deal(order, test_size, validation_size);
  } else {
    std::vector<std::vector<std::size_t>> groups = groupByLabel(dataset, allIndices(dataset));
    const auto counts =
        apportion(sizesOf(groups), {test_size, validation_size, total - test_size - validation_size});
    for (std::size_t label = 0; label < groups.size(); ++label) {
      shuffle(groups[label], rng);
      deal(groups[label], counts[label][0], counts[label][1]);
    }
  }
  splits.train = sorted(std::move(splits.train));
  splits.validation = sorted(std::move(splits.validation));
  splits.test = sorted(std::move(splits.test));
  return splits;
}

std::vector<std::size_t> subsample(const Dataset& dataset, const std::vector<std::size_t>& pool, std::size_t size,
                                   bool stratified, std::uint64_t seed) {
  checkPool(dataset, pool);
  if (size > pool.size()) {
    throw std::invalid_argument("a subsample of " + std::to_string(size) + " examples asked from a pool of " +
                                std::to_string(pool.size()));
  }
  Rng rng(seed);
  if (!stratified) {
    std::vector<std::size_t> order = pool;
    shuffle(order, rng);
    order.resize(size);
    return sorted(std::move(order));
  }
  std::vector<std::vector<std::size_t>> groups = groupByLabel(dataset, pool);
  for (auto& group : groups) shuffle(group, rng);
  const std::vector<std::size_t> sequence = proportionalSequence(sizesOf(groups));
  std::vector<std::size_t> next(groups.size(), 0);
  std::vector<std::size_t> chosen;
  for (std::size_t position = 0; position < size; ++position) {
    const std::size_t label = sequence[position];
    chosen.push_back(groups[label][next[label]++]);
  }
  return sorted(std::move(chosen));
}

}  // namespace pwb::data
