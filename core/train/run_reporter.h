#pragma once
// Where a training run's numbers go: metric points to the experiment store in batched
// transactions, progress to an observer through a ThrottledObserver. Torch-free header.

#include <cstdint>
#include <memory>
#include <vector>

#include "train/progress.h"

namespace pwb::store {
class ExperimentStore;
}

namespace pwb::train {

class RunReporter {
 public:
  // Any of observer and store may be null. Progress reaches the observer at most every 100 ms.
  RunReporter(TrainingObserver* observer, store::ExperimentStore* store, std::int64_t run_id);
  RunReporter(const RunReporter&) = delete;
  RunReporter& operator=(const RunReporter&) = delete;

  // Held for the next progress report and the next write to the store (every 50 points).
  void add(const MetricPoint& point);
  // Sends progress with the points added since the last report.
  void progress(TrainingProgress progress);
  void message(const std::string& text);
  // Writes every held point to the store and sends held-back progress and points.
  void flush();

 private:
  void store();

  std::unique_ptr<ThrottledObserver> observer_;
  store::ExperimentStore* store_;
  std::int64_t run_id_;
  TrainingProgress last_;  // the last report, without its points
  std::vector<MetricPoint> unreported_;
  std::vector<MetricPoint> unstored_;
};

}  // namespace pwb::train
