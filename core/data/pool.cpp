#include "data/pool.h"

#include <stdexcept>
#include <string>

#include "data/labels.h"

namespace pwb::data {

void checkPool(const Dataset& dataset, const std::vector<std::size_t>& pool) {
  std::vector<bool> seen(dataset.examples.size(), false);
  for (const std::size_t index : pool) {
    if (index >= dataset.examples.size()) {
      throw std::invalid_argument("example index " + std::to_string(index) + " is outside dataset " + dataset.name +
                                  " (" + std::to_string(dataset.examples.size()) + " examples)");
    }
    if (seen[index]) throw std::invalid_argument("example index " + std::to_string(index) + " is listed twice");
    seen[index] = true;
  }
}

std::vector<std::vector<std::size_t>> groupByLabel(const Dataset& dataset, const std::vector<std::size_t>& pool) {
  checkPool(dataset, pool);
  const std::vector<std::size_t> label_of = labelIndices(dataset);
  std::vector<std::vector<std::size_t>> groups(dataset.labels.size());
  for (const std::size_t index : pool) groups[label_of[index]].push_back(index);
  return groups;
}

}  // namespace pwb::data
