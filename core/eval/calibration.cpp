#include "eval/calibration.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "eval/checks.h"

namespace pwb::eval {

CalibrationReport calibration(const std::vector<double>& confidence, const std::vector<bool>& correct,
                              std::size_t bins) {
  detail::requireSameLength(confidence.size(), correct.size(), "calibration", "confidence", "correct");
  detail::requireNonEmpty(confidence.size(), "calibration", "confidence");
  if (bins == 0) throw std::invalid_argument("calibration: the number of bins is 0");

  // Edges as m / M by one division each, so a confidence written as a decimal edge (0.28 with
  // M = 25) compares equal to its edge; ceil(conf · M) would put it one bin too high, as
  // 0.28 · 25 is 7.000000000000001 in doubles.
  std::vector<double> upper_edges(bins);
  for (std::size_t m = 0; m < bins; ++m) upper_edges[m] = static_cast<double>(m + 1) / static_cast<double>(bins);

  CalibrationReport report;
  report.bins.resize(bins);
  std::vector<double> confidence_sums(bins, 0.0);
  std::vector<std::size_t> correct_counts(bins, 0);
  for (std::size_t i = 0; i < confidence.size(); ++i) {
    const double c = confidence[i];
    if (!(c >= 0.0 && c <= 1.0)) {
      throw std::invalid_argument("calibration: confidence[" + std::to_string(i) + "] = " + std::to_string(c) +
                                  " is not a probability in [0, 1]");
    }
    // The first upper edge >= c: bins are closed on the right.
    const auto m = static_cast<std::size_t>(std::lower_bound(upper_edges.begin(), upper_edges.end(), c) -
                                            upper_edges.begin());
    ++report.bins[m].count;
    confidence_sums[m] += c;
    correct_counts[m] += correct[i] ? 1 : 0;
  }

  const auto total = static_cast<double>(confidence.size());
  for (std::size_t m = 0; m < bins; ++m) {
    CalibrationBin& bin = report.bins[m];
    bin.lower = m == 0 ? 0.0 : upper_edges[m - 1];
    bin.upper = upper_edges[m];
    if (bin.count == 0) continue;
    const auto n = static_cast<double>(bin.count);
    bin.mean_confidence = confidence_sums[m] / n;
    bin.accuracy = static_cast<double>(correct_counts[m]) / n;
    report.expected_calibration_error += n / total * std::abs(bin.accuracy - bin.mean_confidence);
  }
  return report;
}

}  // namespace pwb::eval
