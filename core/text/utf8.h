#pragma once
// UTF-8 decoding that never fails: an ill-formed sequence comes back as one invalid unit covering
// its "maximal subpart" (Unicode §3.9, the rule Python's and the WHATWG decoders use), so callers
// can carry arbitrary bytes through and replace each unit with one U+FFFD.

#include <cstddef>
#include <string>
#include <string_view>

namespace pwb::text::utf8 {

struct Unit {
  char32_t code = 0;    // the code point; 0 when !valid
  std::size_t size = 0;  // bytes consumed, >= 1
  bool valid = false;
};

// The unit starting at text[pos]; pos < text.size().
Unit decodeAt(std::string_view text, std::size_t pos);

void append(std::string& out, char32_t code);

// text with every ill-formed unit replaced by U+FFFD.
std::string sanitize(std::string_view text);

}  // namespace pwb::text::utf8
