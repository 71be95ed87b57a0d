#pragma once
// The Wilson score interval for a proportion such as accuracy. Torch-free.

#include <cstddef>

#include "eval/interval.h"

namespace pwb::eval {

// With p̂ = successes / trials, n = trials and z the normal quantile at (1 + confidence) / 2:
//   centre = (p̂ + z²/(2n)) / (1 + z²/n)
//   half   = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))
// Unlike p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and is not empty at p̂ = 0 or 1.
// estimate = p̂. Throws std::invalid_argument when trials is 0, successes > trials, or the
// confidence level is not in (0, 1).
ConfidenceInterval wilsonInterval(std::size_t successes, std::size_t trials, double confidence = 0.95);

}  // namespace pwb::eval
