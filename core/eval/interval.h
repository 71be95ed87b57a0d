#pragma once
// A point estimate with a two-sided confidence interval. Torch-free.

namespace pwb::eval {

struct ConfidenceInterval {
  double estimate = 0.0;  // the statistic on all the data
  double lower = 0.0;
  double upper = 0.0;
};

}  // namespace pwb::eval
