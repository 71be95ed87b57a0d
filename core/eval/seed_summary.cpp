#include "eval/seed_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "eval/checks.h"
#include "eval/quantiles.h"

namespace pwb::eval {

SeedSummary summarizeSeeds(const std::vector<double>& values, double confidence) {
  detail::requireNonEmpty(values.size(), "summarizeSeeds", "values");
  detail::requireConfidenceLevel(confidence, "summarizeSeeds");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument("summarizeSeeds: values[" + std::to_string(i) + "] = " +
                                  std::to_string(values[i]) + " is not finite");
    }
  }
  SeedSummary summary;
  summary.count = values.size();
  const auto n = static_cast<double>(values.size());
  double sum = 0.0;
  for (const double v : values) sum += v;
  summary.mean = sum / n;
  const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
  summary.min = *lowest;
  summary.max = *highest;
  summary.mean_interval.estimate = summary.mean;
  if (values.size() == 1) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    summary.standard_deviation = nan;
    summary.mean_interval.lower = nan;
    summary.mean_interval.upper = nan;
    return summary;
  }
  // Two passes: squares of deviations from the mean, not Σx² − n·mean², which cancels.
  double squares = 0.0;
  for (const double v : values) squares += (v - summary.mean) * (v - summary.mean);
  summary.standard_deviation = std::sqrt(squares / (n - 1.0));
  const double t = studentTQuantile((1.0 + confidence) / 2.0, values.size() - 1);
  const double half = t * summary.standard_deviation / std::sqrt(n);
  summary.mean_interval.lower = summary.mean - half;
  summary.mean_interval.upper = summary.mean + half;
  return summary;
}

}  // namespace pwb::eval
