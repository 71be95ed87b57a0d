#include "eval/checks.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pwb::eval::detail {

void requireNonEmpty(std::size_t size, const char* function, const char* what) {
  if (size == 0) throw std::invalid_argument(std::string(function) + ": " + what + " is empty");
}

void requireSameLength(std::size_t a_size, std::size_t b_size, const char* function, const char* a_name,
                       const char* b_name) {
  if (a_size != b_size) {
    throw std::invalid_argument(std::string(function) + ": " + a_name + " has " + std::to_string(a_size) +
                                " entries but " + b_name + " has " + std::to_string(b_size));
  }
}

void requireClassCount(std::size_t classes, const char* function) {
  if (classes == 0) throw std::invalid_argument(std::string(function) + ": the number of classes is 0");
}

void requireLabelsBelow(const std::vector<Label>& labels, std::size_t classes, const char* function,
                        const char* what) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= classes) {
      throw std::invalid_argument(std::string(function) + ": " + what + "[" + std::to_string(i) + "] = " +
                                  std::to_string(labels[i]) + " is not a class index below " +
                                  std::to_string(classes));
    }
  }
}

void requireConfidenceLevel(double level, const char* function) {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument(std::string(function) + ": confidence level " + std::to_string(level) +
                                " is not strictly between 0 and 1");
  }
}

}  // namespace pwb::eval::detail
