#include "text/unicode_classes.h"

#include <algorithm>
#include <iterator>

namespace pwb::text::unicode {

namespace {

struct CodeRange {
  char32_t first;
  char32_t last;
};

#include "text/unicode_class_tables.inc"

template <std::size_t N>
bool inRanges(const CodeRange (&ranges)[N], char32_t code) {
  // The first range that ends at or after code is the only one that can hold it.
  const auto it = std::lower_bound(std::begin(ranges), std::end(ranges), code,
                                   [](const CodeRange& r, char32_t c) { return r.last < c; });
  return it != std::end(ranges) && it->first <= code;
}

}  // namespace

bool isLetter(char32_t code) {
  if (code < 0x80) return (code | 0x20) >= 'a' && (code | 0x20) <= 'z';
  return inRanges(kLetterRanges, code);
}

bool isNumber(char32_t code) {
  if (code < 0x80) return code >= '0' && code <= '9';
  return inRanges(kNumberRanges, code);
}

bool isWhitespace(char32_t code) {
  switch (code) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return code >= 0x2000 && code <= 0x200A;
  }
}

}  // namespace pwb::text::unicode
