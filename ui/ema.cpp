#include "ema.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pwb::ui {

QVector<double> debiasedEma(const QVector<double>& values, double weight) {
  if (!(weight >= 0.0 && weight < 1.0)) {
    throw std::invalid_argument("debiasedEma: weight " + std::to_string(weight) + " is not in [0, 1)");
  }
  QVector<double> smoothed;
  smoothed.reserve(values.size());
  double average = 0.0;
  double weight_power = 1.0;  // w^n
  for (const double value : values) {
    if (!std::isfinite(value)) {
      smoothed.push_back(value);
      continue;
    }
    average = weight * average + (1.0 - weight) * value;
    weight_power *= weight;
    smoothed.push_back(average / (1.0 - weight_power));
  }
  return smoothed;
}

}  // namespace pwb::ui
