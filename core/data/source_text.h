#pragma once
// The bytes of a data file with a table of where each line starts, so that any byte offset can
// be turned into a line and a character column for an error message.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::data {

struct TextPosition {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, in characters (UTF-8 lead bytes)
};

class SourceText {
 public:
  // A UTF-8 byte order mark at the start is dropped. Lines end at '\n' only: U+0085 and a lone
  // '\r' are ordinary characters (texts in the shared data contain U+0085).
  explicit SourceText(std::string bytes);

  const std::string& bytes() const { return bytes_; }
  TextPosition position(std::size_t offset) const;

  std::size_t lineCount() const { return line_starts_.size(); }
  std::size_t lineStart(std::size_t index) const { return line_starts_[index]; }  // 0-based index
  // The line's text without its '\n' and without a '\r' before it.
  std::string_view line(std::size_t index) const;

 private:
  std::string bytes_;
  std::vector<std::size_t> line_starts_;
};

// Reads a whole file; throws std::runtime_error with the system's reason.
std::string readFileBytes(const std::filesystem::path& file);

// Counts characters in UTF-8 text (bytes that are not continuation bytes).
std::size_t characterCount(std::string_view text);

}  // namespace pwb::data
