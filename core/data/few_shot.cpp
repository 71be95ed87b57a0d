#include "data/few_shot.h"

#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "data/pool.h"
#include "data/random.h"

namespace pwb::data {
namespace {

std::vector<std::size_t> fixedExamples(const std::vector<std::size_t>& pool, const std::vector<std::size_t>& fixed) {
  const std::unordered_set<std::size_t> in_pool(pool.begin(), pool.end());
  std::unordered_set<std::size_t> seen;
  for (const std::size_t index : fixed) {
    if (in_pool.count(index) == 0) {
      throw std::invalid_argument("few-shot example " + std::to_string(index) +
                                  " is not in the pool: demonstrations must come from the training data");
    }
    if (!seen.insert(index).second) {
      throw std::invalid_argument("few-shot example " + std::to_string(index) + " is listed twice");
    }
  }
  return fixed;
}

std::vector<std::size_t> balancedExamples(const Dataset& dataset, const std::vector<std::size_t>& pool,
                                          std::size_t k, Rng& rng) {
  std::vector<std::vector<std::size_t>> groups = groupByLabel(dataset, pool);
  for (auto& group : groups) shuffle(group, rng);
  // Which labels get one more when k is not a multiple of their number is left to the seed.
  std::vector<std::size_t> turn(groups.size());
  std::iota(turn.begin(), turn.end(), std::size_t{0});
  shuffle(turn, rng);

  std::vector<std::size_t> taken(groups.size(), 0);
  std::vector<std::size_t> chosen;
  while (chosen.size() < k) {
    for (const std::size_t label : turn) {
      if (chosen.size() < k && taken[label] < groups[label].size()) chosen.push_back(groups[label][taken[label]++]);
    }
  }
  shuffle(chosen, rng);
  return chosen;
}

}  // namespace

std::vector<std::size_t> selectFewShot(const Dataset& dataset, const std::vector<std::size_t>& pool,
                                       const FewShotOptions& options) {
  checkPool(dataset, pool);
  if (options.strategy == FewShotStrategy::Fixed) return fixedExamples(pool, options.fixed);
  if (options.k > pool.size()) {
    throw std::invalid_argument("cannot choose " + std::to_string(options.k) + " few-shot examples from a pool of " +
                                std::to_string(pool.size()));
  }
  Rng rng(options.seed);
  if (options.strategy == FewShotStrategy::Balanced) return balancedExamples(dataset, pool, options.k, rng);
  std::vector<std::size_t> order = pool;
  shuffle(order, rng);
  order.resize(options.k);
  return order;
}

}  // namespace pwb::data
