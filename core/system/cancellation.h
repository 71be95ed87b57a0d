#pragma once
// Cooperative cancellation: a long job polls the token between units of work (a training step,
// a batch of examples) and stops cleanly, keeping what it stored. Torch-free header.

#include <atomic>

namespace pwb::system {

class CancellationToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool isCancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  void reset() { cancelled_.store(false, std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace pwb::system
