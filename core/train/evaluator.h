#pragma once
// What the trainer calls every N steps to measure the model on held-out data. The trainer
// switches the task to evaluation mode and turns gradients off around the call.
// Torch-free header.

#include <map>
#include <string>

namespace pwb::train {

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // The split the metrics are stored under ("validation").
  virtual std::string split() const { return "validation"; }
  // Metric name → value ("loss", "accuracy", ...).
  virtual std::map<std::string, double> evaluate() = 0;
};

}  // namespace pwb::train
