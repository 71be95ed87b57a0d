#include "train/early_stopping.h"

#include <cmath>

namespace pwb::train {

bool EarlyStopping::update(double value) {
  const bool better = !best_ || (options_.higher_is_better ? value > *best_ : value < *best_);
  if (better && (!best_ || std::abs(value - *best_) > options_.min_delta)) {
    best_ = value;
    stale_ = 0;
  } else {
    ++stale_;
  }
  return stale_ >= options_.patience;
}

void EarlyStopping::restore(std::optional<double> best, int evaluations_without_improvement) {
  best_ = best;
  stale_ = evaluations_without_improvement;
}

}  // namespace pwb::train
