#include "design/contextual_calibration.h"

#include <cmath>
#include <stdexcept>

#include "eval/softmax.h"

namespace pwb::design {

std::vector<double> contentFreeProbabilities(const std::vector<std::vector<double>>& content_free_scores) {
  if (content_free_scores.empty()) throw std::invalid_argument("contextual calibration needs a content-free input");
  std::vector<double> mean(content_free_scores.front().size(), 0.0);
  for (const auto& scores : content_free_scores) {
    if (scores.size() != mean.size()) throw std::invalid_argument("content-free inputs scored with different label counts");
    const auto p = eval::softmax(scores);
    for (std::size_t k = 0; k < p.size(); ++k) mean[k] += p[k] / static_cast<double>(content_free_scores.size());
  }
  return mean;
}

std::vector<double> calibrateScores(const std::vector<double>& scores, const std::vector<double>& content_free) {
  if (scores.size() != content_free.size()) throw std::invalid_argument("calibration for a different number of labels");
  const auto p = eval::softmax(scores);
  std::vector<double> calibrated;
  for (const double q : content_free) {
    if (!(q > 0.0)) throw std::invalid_argument("a content-free probability is 0: that label cannot be calibrated");
  }
  for (std::size_t k = 0; k < p.size(); ++k) calibrated.push_back(std::log(p[k]) - std::log(content_free[k]));
  return calibrated;
}

}  // namespace pwb::design
