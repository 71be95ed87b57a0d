#include "text/pretokenizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "text/unicode_classes.h"

namespace pwb::text {
namespace {

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> pieces;
  for (const auto piece : splitGpt2Pattern(text)) pieces.emplace_back(piece);
  return pieces;
}

using Pieces = std::vector<std::string>;

TEST(UnicodeClasses, LettersNumbersAndWhitespaceAsPythonRegex) {
  for (const char32_t c : {U'a', U'Z', char32_t{0xAA}, char32_t{0xE9}, char32_t{0x3A9}, char32_t{0x4E2D},
                           char32_t{0x2B0}, char32_t{0xAC00}, char32_t{0x1D400}, char32_t{0x20000}}) {
    EXPECT_TRUE(unicode::isLetter(c)) << std::hex << c;
  }
  for (const char32_t c : {U'1', U'_', U' ', char32_t{0x301}, char32_t{0x93F}, char32_t{0x1F600}, char32_t{0x2160}}) {
    EXPECT_FALSE(unicode::isLetter(c)) << std::hex << c;
  }
  // Nd, Nl (Roman numerals) and No (fractions, superscripts, circled digits).
  for (const char32_t c : {U'0', U'9', char32_t{0x661}, char32_t{0xFF11}, char32_t{0x2160}, char32_t{0xBD},
                           char32_t{0xB2}, char32_t{0x2460}}) {
    EXPECT_TRUE(unicode::isNumber(c)) << std::hex << c;
  }
  for (const char32_t c : {U'a', U'.', char32_t{0x4E00}}) EXPECT_FALSE(unicode::isNumber(c)) << std::hex << c;
  for (const char32_t c : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', char32_t{0x85}, char32_t{0xA0},
                           char32_t{0x1680}, char32_t{0x2000}, char32_t{0x200A}, char32_t{0x2028},
                           char32_t{0x2029}, char32_t{0x202F}, char32_t{0x205F}, char32_t{0x3000}}) {
    EXPECT_TRUE(unicode::isWhitespace(c)) << std::hex << c;
  }
  for (const char32_t c : {char32_t{0x1C}, char32_t{0x1F}, char32_t{0x180E}, char32_t{0x200B}, char32_t{0xFEFF},
                           U'x'}) {
    EXPECT_FALSE(unicode::isWhitespace(c)) << std::hex << c;
  }
}

TEST(Pretokenizer, SplitsWordsNumbersAndPunctuationWithTheirLeadingSpace) {
  EXPECT_EQ(split(""), Pieces{});
  EXPECT_EQ(split("Hello world"), (Pieces{"Hello", " world"}));
  EXPECT_EQ(split("Hello, world!!"), (Pieces{"Hello", ",", " world", "!!"}));
  EXPECT_EQ(split("abc123def 456 !?"), (Pieces{"abc", "123", "def", " 456", " !?"}));
  EXPECT_EQ(split("caf\u00e9 \u4e2d\u6587"), (Pieces{"caf\u00e9", " \u4e2d\u6587"}));
  // A combining mark is not a letter, so it splits a decomposed word.
  EXPECT_EQ(split("cafe\u0301s"), (Pieces{"cafe", "\u0301", "s"}));
  EXPECT_EQ(split("\u00bd\u2160x"), (Pieces{"\u00bd\u2160", "x"}));
}

TEST(Pretokenizer, Contractions) {
  EXPECT_EQ(split("I'm you're we'll"), (Pieces{"I", "'m", " you", "'re", " we", "'ll"}));
  EXPECT_EQ(split("'sup 'lls"), (Pieces{"'s", "up", " '", "lls"}));
  // Case-sensitive, and only at the start of a piece.
  EXPECT_EQ(split("DON'T"), (Pieces{"DON", "'", "T"}));
  EXPECT_EQ(split("!'s"), (Pieces{"!'", "s"}));
  EXPECT_EQ(split("'"), (Pieces{"'"}));
}

TEST(Pretokenizer, WhitespaceRunsLeaveTheirLastSpaceToTheNextWord) {
  EXPECT_EQ(split("a   b"), (Pieces{"a", "  ", " b"}));
  EXPECT_EQ(split("a\n\nb"), (Pieces{"a", "\n", "\n", "b"}));
  EXPECT_EQ(split("a \n b"), (Pieces{"a", " \n", " b"}));
  EXPECT_EQ(split("a\tb"), (Pieces{"a", "\t", "b"}));
  EXPECT_EQ(split("end  "), (Pieces{"end", "  "}));
  EXPECT_EQ(split("   "), (Pieces{"   "}));
  EXPECT_EQ(split(" "), (Pieces{" "}));
  // Only U+0020 leads a word; other whitespace stands alone.
  EXPECT_EQ(split("x\u00a0y"), (Pieces{"x", "\u00a0", "y"}));
  EXPECT_EQ(split("x \u0085 y"), (Pieces{"x", " \u0085", " y"}));
  EXPECT_EQ(split("x \ufeffy"), (Pieces{"x", " \ufeff", "y"}));
}

TEST(Pretokenizer, BytesThatAreNotUtf8AreOtherCharacters) {
  EXPECT_EQ(split("ab\xff\xfe cd \xe2\x82"), (Pieces{"ab", "\xff\xfe", " cd", " \xe2\x82"}));
}

TEST(Pretokenizer, PiecesConcatenateToTheText) {
  std::mt19937 rng(3);
  const std::string alphabet[] = {"a", "Z", "7", " ", " ", "\t", "\n", "'", "s", "!", "\u00e9", "\u0301",
                                  "\u4e2d", "\u0661", "\u00a0", "\u0085", "\ufeff", "\U0001F600", "\xff"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int i = 0; i < 30; ++i) text += alphabet[pick(rng)];
    std::string joined;
    for (const auto piece : splitGpt2Pattern(text)) {
      ASSERT_FALSE(piece.empty());
      joined += piece;
    }
    ASSERT_EQ(joined, text);
  }
}

}  // namespace
}  // namespace pwb::text
