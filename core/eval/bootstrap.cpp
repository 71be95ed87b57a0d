#include "eval/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>

#include "eval/checks.h"
#include "eval/uniform_index.h"

namespace pwb::eval {
namespace {

double checkedValue(double value, const char* which) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument(std::string("bootstrapInterval: the statistic returned ") + std::to_string(value) +
                                " on " + which);
  }
  return value;
}

// Quantile q of ascending values, linear between the order statistics around q·(size − 1).
double sortedQuantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

}  // namespace

ConfidenceInterval bootstrapInterval(std::size_t examples, const IndexStatistic& statistic,
                                     const BootstrapOptions& options) {
  detail::requireNonEmpty(examples, "bootstrapInterval", "the example set");
  if (options.resamples == 0) throw std::invalid_argument("bootstrapInterval: resamples is 0");
  detail::requireConfidenceLevel(options.confidence, "bootstrapInterval");

  std::vector<std::size_t> sample(examples);
  std::iota(sample.begin(), sample.end(), std::size_t{0});
  ConfidenceInterval interval;
  interval.estimate = checkedValue(statistic(sample), "all examples");

  std::mt19937_64 rng(options.seed);
  std::vector<double> values(options.resamples);
  for (std::size_t b = 0; b < options.resamples; ++b) {
    for (std::size_t& index : sample) index = static_cast<std::size_t>(uniformIndex(rng, examples));
    values[b] = checkedValue(statistic(sample), "a resample");
  }
  std::sort(values.begin(), values.end());
  interval.lower = sortedQuantile(values, (1.0 - options.confidence) / 2.0);
  interval.upper = sortedQuantile(values, (1.0 + options.confidence) / 2.0);
  return interval;
}

ConfidenceInterval bootstrapInterval(const std::vector<Label>& gold, const std::vector<Label>& predicted,
                                     const LabelStatistic& statistic, const BootstrapOptions& options) {
  detail::requireSameLength(gold.size(), predicted.size(), "bootstrapInterval", "gold", "predicted");
  std::vector<Label> gold_sample;
  std::vector<Label> predicted_sample;
  const auto on_labels = [&](const std::vector<std::size_t>& sample) {
    gold_sample.clear();
    predicted_sample.clear();
    for (const std::size_t i : sample) {
      gold_sample.push_back(gold[i]);
      predicted_sample.push_back(predicted[i]);
    }
    return statistic(gold_sample, predicted_sample);
  };
  return bootstrapInterval(gold.size(), on_labels, options);
}

}  // namespace pwb::eval
