#include "eval/chance.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "eval/checks.h"

namespace pwb::eval {

double chanceLevel(std::size_t classes) {
  detail::requireClassCount(classes, "chanceLevel");
  return 1.0 / static_cast<double>(classes);
}

std::vector<std::size_t> classCounts(const std::vector<Label>& labels, std::size_t classes) {
  detail::requireNonEmpty(labels.size(), "classCounts", "labels");
  detail::requireClassCount(classes, "classCounts");
  detail::requireLabelsBelow(labels, classes, "classCounts", "labels");
  std::vector<std::size_t> counts(classes, 0);
  for (const Label label : labels) ++counts[label];
  return counts;
}

double majorityClassRate(const std::vector<std::size_t>& counts) {
  detail::requireNonEmpty(counts.size(), "majorityClassRate", "counts");
  const std::size_t total = std::accumulate(counts.begin(), counts.end(), std::size_t{0});
  if (total == 0) throw std::invalid_argument("majorityClassRate: every class count is 0");
  return static_cast<double>(*std::max_element(counts.begin(), counts.end())) / static_cast<double>(total);
}

}  // namespace pwb::eval
