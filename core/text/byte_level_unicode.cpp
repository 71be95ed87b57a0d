#include "text/byte_level_unicode.h"

#include <array>

#include "text/utf8.h"

namespace pwb::text::byte_level {

namespace {

constexpr char32_t kShiftedBase = 0x100;
// Characters go up to U+0100 + 68 - 1.
constexpr std::size_t kMapSpan = 0x100 + 68;

bool mapsToItself(unsigned b) { return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE; }

struct Tables {
  std::array<std::string, 256> charOf;
  std::array<int, kMapSpan> byteOf{};  // -1: not a mapped character

  Tables() {
    byteOf.fill(-1);
    char32_t next = kShiftedBase;
    for (unsigned b = 0; b < 256; ++b) {
      const char32_t code = mapsToItself(b) ? b : next++;
      utf8::append(charOf[b], code);
      byteOf[code] = static_cast<int>(b);
    }
  }
};

const Tables& tables() {
  static const Tables instance;
  return instance;
}

}  // namespace

const std::string& charFor(unsigned char byte) { return tables().charOf[byte]; }

std::optional<unsigned char> byteFor(char32_t code) {
  if (code >= kMapSpan || tables().byteOf[code] < 0) return std::nullopt;
  return static_cast<unsigned char>(tables().byteOf[code]);
}

std::string encode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() * 2);
  for (const char c : raw) out += charFor(static_cast<unsigned char>(c));
  return out;
}

std::optional<std::string> decode(std::string_view mapped) {
  std::string out;
  out.reserve(mapped.size());
  for (std::size_t pos = 0; pos < mapped.size();) {
    const auto unit = utf8::decodeAt(mapped, pos);
    const auto byte = unit.valid ? byteFor(unit.code) : std::nullopt;
    if (!byte) return std::nullopt;
    out += static_cast<char>(*byte);
    pos += unit.size;
  }
  return out;
}

}  // namespace pwb::text::byte_level
