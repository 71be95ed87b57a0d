#include "system/data_paths.h"


#include <cstdlib>
#include <stdexcept>

namespace pwb::system {
namespace {

std::filesystem::path fromEnv(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value) : std::filesystem::path();
}

std::filesystem::path executableDir() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : self.parent_path();
}

}  // namespace

std::filesystem::path resourceDir() {
  if (auto dir = fromEnv("PWB_RESOURCE_DIR"); !dir.empty()) return dir;
  if (auto exe = executableDir(); !exe.empty()) {
    const auto installed = exe / ".." / "share" / "prompt-workbench" / "resources";
    if (std::filesystem::is_directory(installed)) return std::filesystem::canonical(installed);
  }
  return PWB_SOURCE_RESOURCE_DIR;
}

std::filesystem::path userDataDir() {
  std::filesystem::path dir = fromEnv("PWB_DATA_DIR");
  if (dir.empty()) {
    if (auto xdg = fromEnv("XDG_DATA_HOME"); !xdg.empty()) {
      dir = xdg / "prompt-workbench";
    } else if (auto home = fromEnv("HOME"); !home.empty()) {
      dir = home / ".local" / "share" / "prompt-workbench";
    } else {
      throw std::runtime_error("cannot find a data folder: neither PWB_DATA_DIR, XDG_DATA_HOME nor HOME is set");
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create the data folder " + dir.string() + ": " + ec.message());
  return dir;
}

}  // namespace pwb::system
