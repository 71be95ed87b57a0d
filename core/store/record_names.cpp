// The names the store writes for its enums: they are what the schema's CHECK constraints allow.

#include <array>
#include <stdexcept>
#include <utility>

#include "store/records.h"

namespace pwb::store {
namespace {

template <typename Enum, std::size_t N>
Enum fromName(const std::array<std::pair<Enum, const char*>, N>& names, const std::string& text, const char* what) {
  for (const auto& [value, name] : names) {
    if (text == name) return value;
  }
  throw std::invalid_argument(std::string("unknown ") + what + " '" + text + "'");
}

template <typename Enum, std::size_t N>
std::string toName(const std::array<std::pair<Enum, const char*>, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<RunStatus, const char*>, 6> kRunStatusNames = {{
    {RunStatus::Queued, "queued"},
    {RunStatus::Running, "running"},
    {RunStatus::Finished, "finished"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Interrupted, "interrupted"},
}};

constexpr std::array<std::pair<ArtifactKind, const char*>, 3> kArtifactKindNames = {{
    {ArtifactKind::Adapter, "adapter"},
    {ArtifactKind::Checkpoint, "checkpoint"},
    {ArtifactKind::Export, "export"},
}};

constexpr std::array<std::pair<LogLevel, const char*>, 3> kLogLevelNames = {{
    {LogLevel::Info, "info"},
    {LogLevel::Warning, "warning"},
    {LogLevel::Error, "error"},
}};

}  // namespace

std::string toString(RunStatus status) { return toName(kRunStatusNames, status); }
RunStatus runStatusFromString(const std::string& text) { return fromName(kRunStatusNames, text, "run status"); }

std::string toString(ArtifactKind kind) { return toName(kArtifactKindNames, kind); }
ArtifactKind artifactKindFromString(const std::string& text) {
  return fromName(kArtifactKindNames, text, "artifact kind");
}

std::string toString(LogLevel level) { return toName(kLogLevelNames, level); }
LogLevel logLevelFromString(const std::string& text) { return fromName(kLogLevelNames, text, "log level"); }

}  // namespace pwb::store
