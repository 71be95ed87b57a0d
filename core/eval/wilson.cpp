#include "eval/wilson.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "eval/checks.h"
#include "eval/quantiles.h"

namespace pwb::eval {

ConfidenceInterval wilsonInterval(std::size_t successes, std::size_t trials, double confidence) {
  if (trials == 0) throw std::invalid_argument("wilsonInterval: trials is 0");
  if (successes > trials) {
    throw std::invalid_argument("wilsonInterval: successes (" + std::to_string(successes) +
                                ") exceed trials (" + std::to_string(trials) + ")");
  }
  detail::requireConfidenceLevel(confidence, "wilsonInterval");
  const double z = normalQuantile((1.0 + confidence) / 2.0);
  const auto n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  // At p̂ = 0 (or 1) centre − half (or centre + half) is 0 (or 1) exactly only on paper;
  // rounding leaves about 1e-17 either side.
  const double lower = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  const double upper = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return {p, lower, upper};
}

}  // namespace pwb::eval
