#include "text/byte_level_unicode.h"

#include <gtest/gtest.h>

#include <set>

namespace pwb::text::byte_level {
namespace {

TEST(ByteLevelUnicode, MapsBytesAsGpt2Does) {
  EXPECT_EQ(charFor('a'), "a");
  EXPECT_EQ(charFor('!'), "!");
  EXPECT_EQ(charFor(0xE9), "\u00e9");
  EXPECT_EQ(charFor(0x00), "\u0100");
  EXPECT_EQ(charFor(' '), "\u0120");   // "Ġ"
  EXPECT_EQ(charFor('\n'), "\u010a");  // "Ċ"
  EXPECT_EQ(charFor(0x7F), "\u0121");
  EXPECT_EQ(charFor(0xA0), "\u0142");
  EXPECT_EQ(charFor(0xAD), "\u0143");  // the last of the 68 shifted bytes
}

TEST(ByteLevelUnicode, IsABijection) {
  std::set<std::string> chars;
  for (unsigned b = 0; b < 256; ++b) {
    const auto byte = static_cast<unsigned char>(b);
    chars.insert(charFor(byte));
    EXPECT_EQ(decode(charFor(byte)), std::string(1, static_cast<char>(byte)));
  }
  EXPECT_EQ(chars.size(), 256u);
  EXPECT_FALSE(byteFor(0x144));
  EXPECT_FALSE(byteFor(U' '));
  EXPECT_EQ(byteFor(0x120), ' ');
}

TEST(ByteLevelUnicode, EncodeAndDecodeRoundTrip) {
  const std::string raw = "Hi \xE4\xB8\xAD\n\x01\xFF";
  EXPECT_EQ(encode(raw), "Hi\u0120\u00e4\u00b8\u0143\u010a\u0101\u00ff");
  EXPECT_EQ(decode(encode(raw)), raw);
  EXPECT_FALSE(decode("a b"));       // a raw space is not a byte-level character
  EXPECT_FALSE(decode("\u4e2d"));    // nor is anything above U+0143
}

}  // namespace
}  // namespace pwb::text::byte_level
