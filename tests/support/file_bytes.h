#pragma once
// A whole file's bytes as a string, for tests that check what was written.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pwb::testing {

inline std::string fileBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace pwb::testing
