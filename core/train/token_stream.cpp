#include "train/token_stream.h"

#include <fstream>
#include <stdexcept>

#include <ATen/ATen.h>

namespace pwb::train {

TokenStream::TokenStream(const text::Tokenizer& tokenizer, const std::filesystem::path& corpus,
                         text::TokenId separator) {
  std::ifstream in(corpus);
  if (!in) throw std::runtime_error(corpus.string() + ": cannot open the corpus");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto ids = tokenizer.encode(line);
    ids_.insert(ids_.end(), ids.begin(), ids.end());
    ids_.push_back(separator);
  }
  if (in.bad()) throw std::runtime_error(corpus.string() + ": read error");
  if (ids_.size() < 2) throw std::runtime_error(corpus.string() + ": the corpus has no text");
}

at::Tensor TokenStream::sampleWindows(std::int64_t batch, std::int64_t length, std::mt19937_64& rng) const {
  const auto total = static_cast<std::int64_t>(ids_.size());
  if (total < length) {
    throw std::runtime_error("the corpus has " + std::to_string(total) + " tokens, fewer than one window of " +
                             std::to_string(length));
  }
  std::uniform_int_distribution<std::int64_t> start(0, total - length);
  auto windows = at::empty({batch, length}, at::kLong);
  auto* out = windows.data_ptr<std::int64_t>();
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto offset = start(rng);
    std::copy_n(ids_.begin() + offset, length, out + b * length);
  }
  return windows;
}

}  // namespace pwb::train
