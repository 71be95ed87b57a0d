#pragma once
// The character classes of GPT-2's pre-tokenisation pattern, as Python's `regex` package (which
// GPT-2's reference encoder uses) defines them:
//   \p{L}  general category L (Lu Ll Lt Lm Lo), Unicode 17.0
//   \p{N}  general category N (Nd Nl No), Unicode 17.0
//   \s     the White_Space property: 25 code points (U+0085 included, U+FEFF and U+001C..1F not)
// The L and N ranges are generated (make_unicode_class_tables.py); characters a later Unicode
// version assigns are neither letters nor numbers here.

namespace pwb::text::unicode {

bool isLetter(char32_t code);
bool isNumber(char32_t code);
bool isWhitespace(char32_t code);

}  // namespace pwb::text::unicode
