#pragma once
// Chance-level baselines to show beside every accuracy. Torch-free.

#include <cstddef>
#include <vector>

#include "eval/label.h"

namespace pwb::eval {

// Accuracy of guessing uniformly among K classes: 1/K. Throws std::invalid_argument for K = 0.
double chanceLevel(std::size_t classes);

// Examples per class: counts[k] = how many labels equal k. Throws std::invalid_argument when
// labels is empty, classes is 0, or a label is not below classes.
std::vector<std::size_t> classCounts(const std::vector<Label>& labels, std::size_t classes);

// Accuracy of always predicting the most frequent class: max count / total. Pass the counts of
// the set being evaluated (e.g. classCounts of its gold labels). Throws std::invalid_argument
// when counts is empty or sums to 0.
double majorityClassRate(const std::vector<std::size_t>& counts);

}  // namespace pwb::eval
