#pragma once
// The peak resident memory of this process over a stretch of work (one run), from Linux's
// high-water mark (VmHWM), which the probe resets at its start through /proc/self/clear_refs.
// Process-wide: it counts what the process already held (a loaded model, the GUI) plus what the
// run added at its worst moment, which is what a user needs to know fits in the machine.
// Torch-free header.

#include <cstdint>
#include <optional>

namespace pwb::system {

class PeakMemoryProbe {
 public:
  PeakMemoryProbe();  // resets the high-water mark to the current resident size
  // Bytes; nothing where /proc is not available. When the mark could not be reset, the peak
  // since the process started (an upper bound).
  std::optional<std::int64_t> peakBytes() const;
};

}  // namespace pwb::system
