#include "train/run_reporter.h"

#include "store/experiment_store.h"

namespace pwb::train {
namespace {
constexpr std::size_t kPointsPerTransaction = 50;
}

RunReporter::RunReporter(TrainingObserver* observer, store::ExperimentStore* store, std::int64_t run_id)
    : observer_(observer ? std::make_unique<ThrottledObserver>(*observer, std::chrono::milliseconds(100)) : nullptr),
      store_(store),
      run_id_(run_id) {}

void RunReporter::add(const MetricPoint& point) {
  if (observer_) unreported_.push_back(point);
  if (store_) {
    unstored_.push_back(point);
    if (unstored_.size() >= kPointsPerTransaction) store();
  }
}

void RunReporter::progress(TrainingProgress progress) {
  progress.run_id = run_id_;
  progress.points = std::move(unreported_);
  unreported_.clear();
  last_ = progress;
  last_.points.clear();
  if (observer_) observer_->onProgress(progress);
}

void RunReporter::message(const std::string& text) {
  if (observer_) observer_->onMessage(text);
}

void RunReporter::store() {
  if (unstored_.empty()) return;
  store_->appendMetrics(run_id_, unstored_);
  unstored_.clear();
}

void RunReporter::flush() {
  if (store_) store();
  if (!observer_) return;
  // Points added after the last report (the final evaluation) go out with its values.
  if (!unreported_.empty()) progress(last_);
  observer_->flush();
}

}  // namespace pwb::train
