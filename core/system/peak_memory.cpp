#include "system/peak_memory.h"

#include <fstream>
#include <string>

namespace pwb::system {

PeakMemoryProbe::PeakMemoryProbe() {
  // "5": reset the peak RSS to the current RSS (Linux 4.0+). Where that is refused, peakBytes()
  // is the peak since the process started.
  std::ofstream("/proc/self/clear_refs") << "5";
}

std::optional<std::int64_t> PeakMemoryProbe::peakBytes() const {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // "VmHWM:   1234 kB"
  }
  return std::nullopt;
}

}  // namespace pwb::system
