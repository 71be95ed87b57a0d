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

std::size_t TokenStream::windowCount(std::int64_t length) const {
  const auto total = static_cast<std::int64_t>(ids_.size());
  if (length <= 0 || total < length) {
    throw std::runtime_error("the corpus has " + std::to_string(total) + " tokens, fewer than one window of " +
                             std::to_string(length));
  }
  return static_cast<std::size_t>(total - length + 1);
}

at::Tensor TokenStream::windowsAt(const std::vector<std::size_t>& starts, std::int64_t length) const {
  const auto count = windowCount(length);
  auto windows = at::empty({static_cast<std::int64_t>(starts.size()), length}, at::kLong);
  auto* out = windows.data_ptr<std::int64_t>();
  for (const auto start : starts) {
    if (start >= count) {
      throw std::out_of_range("window " + std::to_string(start) + " lies beyond the corpus (" +
                              std::to_string(count) + " windows)");
    }
    out = std::copy_n(ids_.begin() + static_cast<std::ptrdiff_t>(start), length, out);
  }
  return windows;
}

}  // namespace pwb::train
