#pragma once
// A tokenised corpus as one long id sequence (documents joined by EOS), read as fixed-length
// windows: window i starts at token i, so a training epoch visits every start once.

#include <filesystem>
#include <vector>

#include <ATen/core/Tensor.h>

#include "text/tokenizer.h"

namespace pwb::train {

class TokenStream {
 public:
  // Throws std::runtime_error naming the file when it cannot be read or yields too few tokens.
  TokenStream(const text::Tokenizer& tokenizer, const std::filesystem::path& corpus, text::TokenId separator);

  std::size_t size() const { return ids_.size(); }
  // How many windows of `length` tokens there are; throws std::runtime_error when the corpus
  // is shorter than one.
  std::size_t windowCount(std::int64_t length) const;
  // (starts.size(), length) int64: the windows at these starts (each < windowCount(length)).
  at::Tensor windowsAt(const std::vector<std::size_t>& starts, std::int64_t length) const;

 private:
  std::vector<std::int64_t> ids_;
};

}  // namespace pwb::train
