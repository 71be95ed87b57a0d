#pragma once
// From per-label scores (e.g. each label's log-likelihood) to probabilities. Torch-free.

#include <vector>

#include "eval/label.h"

namespace pwb::eval {

// exp(s_k) / Σ_j exp(s_j), computed as exp(s_k − max) / Σ exp(s_j − max) so that
// log-likelihoods of −1000 do not underflow to 0/0. A score of −infinity (a label the model
// cannot produce) gets probability 0. Throws std::invalid_argument when the scores are empty,
// any is NaN or +infinity, or all are −infinity.
std::vector<double> softmax(const std::vector<double>& scores);

// The predicted class and its probability, the input to calibration().
struct ScoredPrediction {
  Label label = 0;          // the highest score; the lowest index among ties
  double confidence = 0.0;  // its softmax probability
};

// Throws as softmax() does.
ScoredPrediction predictFromScores(const std::vector<double>& scores);

}  // namespace pwb::eval
