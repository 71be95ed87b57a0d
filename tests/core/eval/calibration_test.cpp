#include "eval/calibration.h"

#include <gtest/gtest.h>

#include <cmath>

#include "expect_invalid_argument.h"

namespace pwb::eval {
namespace {

// M = 5 bins with upper edges 0.2 0.4 0.6 0.8 1.0, seven examples:
//   [0, 0.2]   0.0 wrong                → n 1, conf 0,    acc 0,   gap 0
//   (0.2, 0.4] 0.3 right                → n 1, conf 0.3,  acc 1,   gap 0.7
//   (0.4, 0.6] 0.5 wrong                → n 1, conf 0.5,  acc 0,   gap 0.5
//   (0.6, 0.8] 0.8 wrong, 0.7 right     → n 2, conf 0.75, acc 0.5, gap 0.25
//   (0.8, 1]   0.9 right, 1.0 right     → n 2, conf 0.95, acc 1,   gap 0.05
// ECE = (1·0 + 1·0.7 + 1·0.5 + 2·0.25 + 2·0.05) / 7 = 1.8 / 7.
TEST(EvalCalibration, EceAndBinsMatchHandCalculation) {
  const CalibrationReport r =
      calibration({0.9, 1.0, 0.8, 0.7, 0.5, 0.3, 0.0}, {true, true, false, true, false, true, false}, 5);
  EXPECT_NEAR(r.expected_calibration_error, 1.8 / 7.0, 1e-12);
  ASSERT_EQ(r.bins.size(), 5u);
  const std::vector<std::size_t> counts{1, 1, 1, 2, 2};
  const std::vector<double> confidences{0.0, 0.3, 0.5, 0.75, 0.95};
  const std::vector<double> accuracies{0.0, 1.0, 0.0, 0.5, 1.0};
  for (std::size_t m = 0; m < 5; ++m) {
    EXPECT_EQ(r.bins[m].count, counts[m]) << "bin " << m;
    EXPECT_NEAR(r.bins[m].mean_confidence, confidences[m], 1e-12) << "bin " << m;
    EXPECT_DOUBLE_EQ(r.bins[m].accuracy, accuracies[m]) << "bin " << m;
    EXPECT_DOUBLE_EQ(r.bins[m].lower, 0.2 * static_cast<double>(m)) << "bin " << m;
    EXPECT_DOUBLE_EQ(r.bins[m].upper, 0.2 * static_cast<double>(m + 1)) << "bin " << m;
  }
}

// Default M = 10: a confidence on an edge belongs to the bin it closes.
TEST(EvalCalibration, EdgeBelongsToTheBinItCloses) {
  const CalibrationReport r = calibration({0.3, 0.7, 0.1}, {true, true, true});
  ASSERT_EQ(r.bins.size(), 10u);
  EXPECT_EQ(r.bins[2].count, 1u);
  EXPECT_EQ(r.bins[3].count, 0u);
  EXPECT_EQ(r.bins[6].count, 1u);
  EXPECT_EQ(r.bins[0].count, 1u);
  // Gaps 0.7, 0.3 and 0.9 on one example each.
  EXPECT_NEAR(r.expected_calibration_error, (0.7 + 0.3 + 0.9) / 3.0, 1e-12);
}

// 0.28 · 25 is 7.000000000000001 in doubles; 0.28 must still fall in bins[6] = (0.24, 0.28].
TEST(EvalCalibration, DecimalEdgeIsNotPushedUpByRounding) {
  const CalibrationReport r = calibration({0.28}, {true}, 25);
  EXPECT_EQ(r.bins[6].count, 1u);
  EXPECT_EQ(r.bins[7].count, 0u);
}

TEST(EvalCalibration, ConfidenceEqualToAccuracyIsCalibrated) {
  // Bin (0.7, 0.8]: confidence 0.75 on four examples, three right.
  const CalibrationReport r = calibration({0.75, 0.75, 0.75, 0.75}, {true, true, false, true});
  EXPECT_NEAR(r.expected_calibration_error, 0.0, 1e-15);
  EXPECT_EQ(r.bins[7].count, 4u);
  EXPECT_EQ(r.bins[0].mean_confidence, 0.0);  // empty bins report zeros
}

TEST(EvalCalibration, BadInputThrowsWithTheReason) {
  EXPECT_INVALID_ARGUMENT(calibration({0.5}, {true, false}), "confidence has 1 entries but correct has 2");
  EXPECT_INVALID_ARGUMENT(calibration({}, {}), "confidence is empty");
  EXPECT_INVALID_ARGUMENT(calibration({0.5}, {true}, 0), "number of bins is 0");
  EXPECT_INVALID_ARGUMENT(calibration({0.5, 1.5}, {true, true}), "confidence[1] = 1.5");
  EXPECT_INVALID_ARGUMENT(calibration({-0.1}, {true}), "not a probability in [0, 1]");
  EXPECT_INVALID_ARGUMENT(calibration({std::nan("")}, {true}), "confidence[0]");
}

}  // namespace
}  // namespace pwb::eval
