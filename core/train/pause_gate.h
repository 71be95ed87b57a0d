#pragma once
// Pause and continue for a running job: the job waits at the gate between steps while it is
// paused, and still wakes up for cancellation. Torch-free header.

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "system/cancellation.h"

namespace pwb::train {

class PauseGate {
 public:
  void pause() {
    std::lock_guard<std::mutex> lock(mutex_);
    paused_ = true;
  }
  void resume() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      paused_ = false;
    }
    changed_.notify_all();
  }
  bool isPaused() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return paused_;
  }
  // True while the job waits at the gate: the pause has taken effect, no step is in flight.
  bool isHolding() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return holding_;
  }
  // Returns when not paused, or when cancelled (the token has no wake-up of its own, so it is
  // polled every 20 ms while waiting).
  void waitWhilePaused(const system::CancellationToken& cancel) const {
    std::unique_lock<std::mutex> lock(mutex_);
    while (paused_ && !cancel.isCancelled()) {
      holding_ = true;
      changed_.wait_for(lock, std::chrono::milliseconds(20));
    }
    holding_ = false;
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  bool paused_ = false;
  mutable bool holding_ = false;
};

}  // namespace pwb::train
