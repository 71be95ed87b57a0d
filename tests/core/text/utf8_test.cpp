#include "text/utf8.h"

#include <gtest/gtest.h>

namespace pwb::text::utf8 {
namespace {

TEST(Utf8, DecodesWellFormedCharactersOfEveryLength) {
  const std::string text = "a\u00e9\u20ac\U0001F600";
  const std::vector<std::pair<char32_t, std::size_t>> expected = {{U'a', 1}, {0xE9, 2}, {0x20AC, 3}, {0x1F600, 4}};
  std::size_t pos = 0;
  for (const auto& [code, size] : expected) {
    const auto unit = decodeAt(text, pos);
    EXPECT_TRUE(unit.valid);
    EXPECT_EQ(unit.code, code);
    EXPECT_EQ(unit.size, size);
    pos += unit.size;
  }
  EXPECT_EQ(pos, text.size());
}

TEST(Utf8, AnIllFormedSequenceIsItsMaximalSubpart) {
  const auto sizeAt0 = [](std::string_view bytes) {
    const auto unit = decodeAt(bytes, 0);
    EXPECT_FALSE(unit.valid);
    return unit.size;
  };
  EXPECT_EQ(sizeAt0("\x80"), 1u);              // a lone continuation byte
  EXPECT_EQ(sizeAt0("\xC0\xAF"), 1u);          // overlong lead
  EXPECT_EQ(sizeAt0("\xE0\x80\x80"), 1u);      // overlong: E0 needs A0..BF next
  EXPECT_EQ(sizeAt0("\xED\xA0\x80"), 1u);      // a surrogate
  EXPECT_EQ(sizeAt0("\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
  EXPECT_EQ(sizeAt0("\xFF"), 1u);
  EXPECT_EQ(sizeAt0("\xE2\x82"), 2u);          // cut short at the end
  EXPECT_EQ(sizeAt0("\xE2\x82x"), 2u);         // cut short by an ASCII byte
  EXPECT_EQ(sizeAt0("\xF0\x9F\x98"), 3u);
}

TEST(Utf8, SanitizeReplacesEachIllFormedUnitOnce) {
  // The same results as Python's bytes.decode("utf-8", "replace").
  EXPECT_EQ(sanitize("a\xE2\x82" "b"), "a\uFFFDb");
  EXPECT_EQ(sanitize("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(sanitize("\xF0\x9F\x98\xF0\x9F\x98\x80"), "\uFFFD\U0001F600");
  EXPECT_EQ(sanitize("fine \u4e2d"), "fine \u4e2d");
}

TEST(Utf8, AppendEncodesEveryLength) {
  std::string out;
  for (const char32_t code : {char32_t{0x24}, char32_t{0x7FF}, char32_t{0xFFFF}, char32_t{0x10FFFF}}) append(out, code);
  EXPECT_EQ(out, "$\u07FF\uFFFF\U0010FFFF");
}

}  // namespace
}  // namespace pwb::text::utf8
