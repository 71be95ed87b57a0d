#pragma once
// What a training job tells the outside world, as plain copyable values (they cross thread
// boundaries into the GUI; never a tensor). Torch-free header.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace pwb::train {

// One metric value at one step, as stored and plotted.
struct MetricPoint {
  std::int64_t step = 0;
  std::string split;  // "train", "validation", ...
  std::string name;   // "loss", "accuracy", ...
  double value = 0.0;
  double wall_seconds = 0.0;  // since the run started
  std::int64_t tokens_seen = 0;
};

struct TrainingProgress {
  std::int64_t run_id = 0;
  std::int64_t step = 0;
  std::int64_t total_steps = 0;
  double epoch = 0.0;  // epochs done, with the current one's fraction
  double loss = 0.0;
  double learning_rate = 0.0;
  double grad_norm = 0.0;
  double tokens_per_second = 0.0;
  double elapsed_seconds = 0.0;
  double remaining_seconds = 0.0;
  // Every point produced since the previous progress report, so a throttled observer still
  // sees the whole curve.
  std::vector<MetricPoint> points;
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void onMessage(const std::string& /*message*/) {}
  virtual void onProgress(const TrainingProgress& progress) = 0;
};

// Forwards progress at most once per interval (and always the last step), merging the points
// of the reports it holds back: a fast run cannot flood a GUI event loop.
class ThrottledObserver final : public TrainingObserver {
 public:
  ThrottledObserver(TrainingObserver& target, std::chrono::milliseconds interval)
      : target_(target), interval_(interval) {}

  void onMessage(const std::string& message) override { target_.onMessage(message); }

  void onProgress(const TrainingProgress& progress) override {
    auto points = std::move(pending_.points);
    points.insert(points.end(), progress.points.begin(), progress.points.end());
    pending_ = progress;
    pending_.points = std::move(points);
    const auto now = std::chrono::steady_clock::now();
    const bool last = progress.step >= progress.total_steps;
    if (!last && sent_any_ && now - last_sent_ < interval_) return;
    last_sent_ = now;
    sent_any_ = true;
    send();
  }

  // Sends what is held back (a run that stops early never reaches its last step).
  void flush() {
    if (!pending_.points.empty()) send();
  }

 private:
  void send() {
    target_.onProgress(pending_);
    pending_.points.clear();
  }

  TrainingObserver& target_;
  std::chrono::milliseconds interval_;
  TrainingProgress pending_;
  std::chrono::steady_clock::time_point last_sent_{};
  bool sent_any_ = false;
};

}  // namespace pwb::train
