#include "text/utf8.h"

namespace pwb::text::utf8 {

namespace {

bool inRange(unsigned char byte, unsigned lo, unsigned hi) { return byte >= lo && byte <= hi; }

}  // namespace

Unit decodeAt(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1, true};

  // Well-formed sequences (Unicode Table 3-7): the lead byte fixes the length and the range of
  // the second byte; later bytes are always 80..BF.
  std::size_t length = 0;
  unsigned secondLo = 0x80, secondHi = 0xBF;
  char32_t code = 0;
  if (inRange(lead, 0xC2, 0xDF)) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (inRange(lead, 0xE0, 0xEF)) {
    length = 3;
    code = lead & 0x0Fu;
    if (lead == 0xE0) secondLo = 0xA0;
    if (lead == 0xED) secondHi = 0x9F;  // no surrogates
  } else if (inRange(lead, 0xF0, 0xF4)) {
    length = 4;
    code = lead & 0x07u;
    if (lead == 0xF0) secondLo = 0x90;
    if (lead == 0xF4) secondHi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {0, 1, false};
  }

  for (std::size_t i = 1; i < length; ++i) {
    if (pos + i >= text.size()) return {0, i, false};
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    const bool ok = i == 1 ? inRange(byte, secondLo, secondHi) : inRange(byte, 0x80, 0xBF);
    if (!ok) return {0, i, false};
    code = (code << 6) | (byte & 0x3Fu);
  }
  return {code, length, true};
}

void append(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string sanitize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto unit = decodeAt(text, pos);
    if (unit.valid) {
      out.append(text.substr(pos, unit.size));
    } else {
      append(out, U'\uFFFD');
    }
    pos += unit.size;
  }
  return out;
}

}  // namespace pwb::text::utf8
