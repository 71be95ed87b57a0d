#pragma once
// Input validation shared by the eval functions: each throws std::invalid_argument whose
// message starts with the calling function's name and says what is wrong.

#include <cstddef>
#include <vector>

#include "eval/label.h"

namespace pwb::eval::detail {

void requireNonEmpty(std::size_t size, const char* function, const char* what);
void requireSameLength(std::size_t a_size, std::size_t b_size, const char* function, const char* a_name,
                       const char* b_name);
void requireClassCount(std::size_t classes, const char* function);
void requireLabelsBelow(const std::vector<Label>& labels, std::size_t classes, const char* function,
                        const char* what);
// A two-sided confidence level strictly between 0 and 1.
void requireConfidenceLevel(double level, const char* function);

}  // namespace pwb::eval::detail
