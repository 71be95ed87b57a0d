#pragma once
// One metric over runs that differ only in their seed. Torch-free.

#include <cstddef>
#include <vector>

#include "eval/interval.h"

namespace pwb::eval {

struct SeedSummary {
  std::size_t count = 0;
  double mean = 0.0;
  // Sample standard deviation (divisor n − 1); NaN for a single value, as is mean_interval's
  // range: one seed says nothing about the spread.
  double standard_deviation = 0.0;
  double min = 0.0;
  double max = 0.0;
  // mean ± t_{(1+confidence)/2, n−1} · sd / √n, with the exact Student t quantile.
  ConfidenceInterval mean_interval;
};

// Throws std::invalid_argument when values is empty, a value is not finite, or the confidence
// level is not in (0, 1).
SeedSummary summarizeSeeds(const std::vector<double>& values, double confidence = 0.95);

}  // namespace pwb::eval
