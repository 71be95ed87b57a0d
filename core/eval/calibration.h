#pragma once
// Calibration: expected calibration error and the reliability-diagram table. Torch-free.
//
// Following Guo et al. 2017 ("On Calibration of Modern Neural Networks"): M equal-width bins,
// bin m (1-based) holds confidences in ((m-1)/M, m/M], a confidence of exactly 0 goes to the
// first bin, and ECE = Σ_m (n_m / n) · |accuracy_m − mean confidence_m|.

#include <cstddef>
#include <vector>

namespace pwb::eval {

struct CalibrationBin {
  double lower = 0.0;  // exclusive (except 0 for the first bin)
  double upper = 0.0;  // inclusive
  std::size_t count = 0;
  // Both 0 when the bin is empty: a reliability diagram skips bins whose count is 0.
  double mean_confidence = 0.0;
  double accuracy = 0.0;
};

struct CalibrationReport {
  double expected_calibration_error = 0.0;
  std::vector<CalibrationBin> bins;  // M bins, lowest confidence first
};

// confidence[i]: the probability the model gave its predicted class for example i, in [0, 1];
// correct[i]: whether that prediction was right. Throws std::invalid_argument when the
// lengths differ, the input is empty, bins is 0, or a confidence is not in [0, 1].
CalibrationReport calibration(const std::vector<double>& confidence, const std::vector<bool>& correct,
                              std::size_t bins = 10);

}  // namespace pwb::eval
