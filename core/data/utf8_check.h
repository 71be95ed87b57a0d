#pragma once
// UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).

#include <cstddef>
#include <string_view>

namespace pwb::data {

// Offset of the first byte, at or after `from`, that starts an invalid sequence; npos if none.
std::size_t findInvalidUtf8(std::string_view text, std::size_t from = 0);

}  // namespace pwb::data
