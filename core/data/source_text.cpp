#include "data/source_text.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace pwb::data {

SourceText::SourceText(std::string bytes) : bytes_(std::move(bytes)) {
  if (bytes_.compare(0, 3, "\xEF\xBB\xBF") == 0) bytes_.erase(0, 3);
  // A final '\n' ends the last line rather than starting an empty one.
  if (!bytes_.empty()) line_starts_.push_back(0);
  for (std::size_t at = bytes_.find('\n'); at != std::string::npos; at = bytes_.find('\n', at + 1)) {
    if (at + 1 < bytes_.size()) line_starts_.push_back(at + 1);
  }
}

TextPosition SourceText::position(std::size_t offset) const {
  if (line_starts_.empty()) return {1, 1};
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t index = static_cast<std::size_t>(after - line_starts_.begin()) - 1;
  const std::size_t start = line_starts_[index];
  const std::string_view prefix(bytes_.data() + start, std::min(offset, bytes_.size()) - start);
  return {index + 1, characterCount(prefix) + 1};
}

std::string_view SourceText::line(std::size_t index) const {
  const std::size_t start = line_starts_[index];
  std::size_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1] : bytes_.size();
  if (end > start && bytes_[end - 1] == '\n') --end;
  if (end > start && bytes_[end - 1] == '\r') --end;
  return std::string_view(bytes_.data() + start, end - start);
}

std::string readFileBytes(const std::filesystem::path& file) {
  if (std::filesystem::is_directory(file)) throw std::runtime_error("this is a folder, not a file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the file: " + std::string(std::strerror(errno)));
  std::string bytes;
  in.seekg(0, std::ios::end);
  bytes.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0, std::ios::beg);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) throw std::runtime_error("cannot read the file: " + std::string(std::strerror(errno)));
  return bytes;
}

std::size_t characterCount(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace pwb::data
