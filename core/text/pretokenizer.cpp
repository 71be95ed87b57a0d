#include "text/pretokenizer.h"

#include "text/unicode_classes.h"
#include "text/utf8.h"

namespace pwb::text {

namespace {

enum class CharClass { Letter, Number, Space, Other };

struct Char {
  CharClass cls;
  std::size_t size;
};

Char charAt(std::string_view text, std::size_t pos) {
  const auto unit = utf8::decodeAt(text, pos);
  if (!unit.valid) return {CharClass::Other, unit.size};
  if (unicode::isLetter(unit.code)) return {CharClass::Letter, unit.size};
  if (unicode::isNumber(unit.code)) return {CharClass::Number, unit.size};
  if (unicode::isWhitespace(unit.code)) return {CharClass::Space, unit.size};
  return {CharClass::Other, unit.size};
}

// Length of 's 't 're 've 'm 'll 'd at pos (the pattern's case-sensitive first alternatives), or 0.
std::size_t contractionAt(std::string_view text, std::size_t pos) {
  if (text[pos] != '\'' || pos + 1 >= text.size()) return 0;
  const char a = text[pos + 1];
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  if (pos + 2 >= text.size()) return 0;
  const char b = text[pos + 2];
  if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  return 0;
}

// End of the run of cls characters starting at pos.
std::size_t runEnd(std::string_view text, std::size_t pos, CharClass cls) {
  while (pos < text.size()) {
    const auto c = charAt(text, pos);
    if (c.cls != cls) break;
    pos += c.size;
  }
  return pos;
}

// End of the piece that starts at pos.
std::size_t pieceEnd(std::string_view text, std::size_t pos) {
  if (const auto n = contractionAt(text, pos)) return pos + n;

  const auto first = charAt(text, pos);
  // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": one plain space may lead a run of letters,
  // numbers or other characters.
  if (text[pos] == ' ' && pos + 1 < text.size()) {
    const auto second = charAt(text, pos + 1);
    if (second.cls != CharClass::Space) return runEnd(text, pos + 1, second.cls);
  }
  if (first.cls != CharClass::Space) return runEnd(text, pos, first.cls);

  // "\s+(?!\S)": a whitespace run stops before its last character when a non-space follows, so
  // that character can lead the next piece; "\s+" takes a lone whitespace character.
  std::size_t end = pos;
  std::size_t lastStart = pos;
  while (end < text.size()) {
    const auto c = charAt(text, end);
    if (c.cls != CharClass::Space) break;
    lastStart = end;
    end += c.size;
  }
  if (end == text.size() || lastStart == pos) return end;
  return lastStart;
}

}  // namespace

std::vector<std::string_view> splitGpt2Pattern(std::string_view text) {
  std::vector<std::string_view> pieces;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto end = pieceEnd(text, pos);
    pieces.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return pieces;
}

}  // namespace pwb::text
