#pragma once
// GPT-2's reversible map from the 256 byte values to printable Unicode characters: a byte-level
// BPE vocabulary stores every token as such characters, so no token holds a control byte, a space
// or a fragment of a UTF-8 sequence. Printable Latin-1 bytes (21..7E, A1..AC, AE..FF) map to
// themselves; the other 68 map, in byte order, to U+0100, U+0101, ...

#include <optional>
#include <string>
#include <string_view>

namespace pwb::text::byte_level {

// The character standing for byte b, as UTF-8.
const std::string& charFor(unsigned char byte);

// The byte a character stands for; nullopt when code is not in the map.
std::optional<unsigned char> byteFor(char32_t code);

// Every byte of raw replaced by its character (UTF-8).
std::string encode(std::string_view raw);

// The inverse of encode; nullopt when mapped holds a character outside the map or is not UTF-8.
std::optional<std::string> decode(std::string_view mapped);

}  // namespace pwb::text::byte_level
