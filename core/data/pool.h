#pragma once
// A pool: a list of example indices into a Dataset (a split, or a part of one).

#include <cstddef>
#include <vector>

#include "data/dataset.h"

namespace pwb::data {

// Throws std::invalid_argument for an index outside the dataset or one listed twice.
void checkPool(const Dataset& dataset, const std::vector<std::size_t>& pool);

// The pool's indices by label, one list per entry of dataset.labels, each in pool order.
std::vector<std::vector<std::size_t>> groupByLabel(const Dataset& dataset, const std::vector<std::size_t>& pool);

}  // namespace pwb::data
