#pragma once
// A tokenised corpus as one long id sequence (documents joined by EOS), from which training
// draws random fixed-length windows.

#include <filesystem>
#include <random>
#include <vector>

#include <ATen/core/Tensor.h>

#include "text/tokenizer.h"

namespace pwb::train {

class TokenStream {
 public:
  // Throws std::runtime_error naming the file when it cannot be read or yields too few tokens.
  TokenStream(const text::Tokenizer& tokenizer, const std::filesystem::path& corpus, text::TokenId separator);

  std::size_t size() const { return ids_.size(); }
  // (batch, length) int64 windows starting at uniformly drawn offsets.
  at::Tensor sampleWindows(std::int64_t batch, std::int64_t length, std::mt19937_64& rng) const;

 private:
  std::vector<std::int64_t> ids_;
};

}  // namespace pwb::train
