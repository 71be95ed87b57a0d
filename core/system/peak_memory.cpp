#include "system/peak_memory.h"

#include <fstream>
#include <string>

namespace pwb::system {

PeakMemoryProbe::PeakMemoryProbe() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";  // "5": reset the peak RSS to the current RSS (Linux 4.0+)
  clear.flush();
  reset_worked_ = static_cast<bool>(clear);
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
