#pragma once
// Label sets: discovery in a stable order, counts, and class indices. Torch-free.

#include <cstddef>
#include <string>
#include <vector>

#include "data/dataset.h"

namespace pwb::data {

// The distinct labels of `examples`, sorted: numerically when every label is an integer
// (an optional '-' and digits: "2" before "10"; equal values such as "1" and "01" by their
// bytes), otherwise by their UTF-8 bytes (= code point order: "B" before "a").
std::vector<std::string> discoverLabels(const std::vector<Example>& examples);

// How many examples carry each of dataset.labels, in that order.
std::vector<std::size_t> labelCounts(const Dataset& dataset);

// For each example, the position of its label in dataset.labels. Throws std::invalid_argument
// for a label that is not in the list.
std::vector<std::size_t> labelIndices(const Dataset& dataset);

}  // namespace pwb::data
