#include "cli_common.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "system/data_paths.h"

namespace pwb::cli {
namespace {

std::size_t displayWidth(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::filesystem::path existingDatabase(const std::string& given) {
  const auto file = given.empty() ? system::userDataDir() / "experiments.sqlite" : std::filesystem::path(given);
  if (!std::filesystem::exists(file)) {
    throw std::runtime_error(file.string() + ": no experiment database here (nothing has run with it yet)");
  }
  return file;
}

std::string oneLine(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return text;
}

void printTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], displayWidth(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      line += std::string(widths[i] - displayWidth(row[i]) + 2, ' ');
    }
    line.erase(line.find_last_not_of(' ') + 1);
    std::cout << line << "\n";
  }
}

std::string progressBar(double fraction) {
  constexpr int kWidth = 30;
  const int filled = std::clamp(static_cast<int>(kWidth * fraction), 0, kWidth);
  return "[" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(kWidth - filled), ' ') +
         "]";
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace pwb::cli
