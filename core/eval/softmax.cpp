#include "eval/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace pwb::eval {
namespace {

void checkScores(const std::vector<double>& scores, const char* function) {
  if (scores.empty()) throw std::invalid_argument(std::string(function) + ": scores is empty");
  bool any_finite = false;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    if (std::isnan(scores[k]) || scores[k] == std::numeric_limits<double>::infinity()) {
      throw std::invalid_argument(std::string(function) + ": scores[" + std::to_string(k) + "] is " +
                                  std::to_string(scores[k]) + ", not a finite score or -infinity");
    }
    any_finite = any_finite || std::isfinite(scores[k]);
  }
  if (!any_finite) throw std::invalid_argument(std::string(function) + ": every score is -infinity");
}

std::vector<double> normalisedExp(const std::vector<double>& scores) {
  const double max = *std::max_element(scores.begin(), scores.end());
  std::vector<double> probabilities(scores.size());
  double sum = 0.0;
  for (std::size_t k = 0; k < scores.size(); ++k) {
    probabilities[k] = std::exp(scores[k] - max);  // exp(−inf) = 0
    sum += probabilities[k];
  }
  for (double& p : probabilities) p /= sum;  // sum >= 1: the maximum contributes exp(0)
  return probabilities;
}

}  // namespace

std::vector<double> softmax(const std::vector<double>& scores) {
  checkScores(scores, "softmax");
  return normalisedExp(scores);
}

ScoredPrediction predictFromScores(const std::vector<double>& scores) {
  checkScores(scores, "predictFromScores");
  const std::vector<double> probabilities = normalisedExp(scores);
  ScoredPrediction prediction;
  // max_element returns the first of equal maxima.
  prediction.label = static_cast<Label>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  prediction.confidence = probabilities[prediction.label];
  return prediction;
}

}  // namespace pwb::eval
