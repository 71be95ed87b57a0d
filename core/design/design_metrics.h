#pragma once
// The numbers a researcher reports for a prompt design, from its per-example predictions.
// Torch-free.

#include <cstddef>
#include <string>
#include <vector>

#include "eval/bootstrap.h"
#include "eval/calibration.h"
#include "eval/classification.h"
#include "eval/interval.h"

namespace pwb::design {

struct ExamplePrediction {
  std::string example_id;
  std::size_t gold = 0;       // class index in the dataset's label order
  std::size_t predicted = 0;
  std::vector<double> scores;  // per class: what was ranked (calibrated when calibration is on)
  double confidence = 0.0;     // softmax of the scores at the predicted class
  bool correct = false;
  std::string rationale;       // chain of thought; empty for plain rank classification
  bool extracted = false;      // chain of thought: the answer was read from the rationale
};

struct DesignMetrics {
  std::size_t examples = 0;
  eval::ConfidenceInterval accuracy;  // percentile bootstrap
  eval::ConfidenceInterval macro_f1;
  eval::ClassificationReport report;  // confusion, per-class precision/recall/F1
  eval::CalibrationReport calibration;  // ECE over 10 bins of the confidences
};

// Throws std::invalid_argument when there are no predictions or a class is not below `classes`.
DesignMetrics summarize(const std::vector<ExamplePrediction>& predictions, std::size_t classes,
                        const eval::BootstrapOptions& bootstrap = {});

}  // namespace pwb::design
