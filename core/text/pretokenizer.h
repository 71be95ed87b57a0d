#pragma once
// GPT-2's pre-tokenisation, written out by hand instead of run through a regex engine:
//
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// with \p{L}, \p{N} and \s as in unicode_classes.h (Python `regex` semantics, which is what GPT-2
// ran). The pieces are matched left to right, each by the first alternative that matches, so
// concatenated they give back the text. Bytes that are not valid UTF-8 count as characters of the
// "other" class ([^\s\p{L}\p{N}]), one per maximal ill-formed subsequence.

#include <string_view>
#include <vector>

namespace pwb::text {

// Views into text, in order; empty for empty text.
std::vector<std::string_view> splitGpt2Pattern(std::string_view text);

}  // namespace pwb::text
