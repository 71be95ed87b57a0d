#pragma once
// A learned soft prompt as words, for people: each virtual token of a prompt-learning adapter
// (prompt tuning, P-tuning, or prefix tuning's table) next to the vocabulary tokens whose input
// embeddings are closest to it by cosine similarity. Torch-free header.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pwb::adapt {

struct TokenNeighbour {
  std::string piece;  // as the tokenizer writes it ("▁good")
  std::int64_t id = 0;
  double cosine_similarity = 0.0;
};

// Whether the method's adapter holds a soft prompt of the model's width, one row per virtual
// token (prompt tuning, P-tuning's encoder output); prefix tuning's rows are per layer.
bool hasModelWidthSoftPrompt(const std::string& method_name);

// One list per virtual token (for an encoder-decoder adapter, the encoder's and then the
// decoder's). Throws std::runtime_error naming the folder when it holds no prompt_embeddings of
// the model's width.
std::vector<std::vector<TokenNeighbour>> softPromptNeighbours(const std::string& model_name_or_path,
                                                              const std::filesystem::path& adapter, std::int64_t k);

}  // namespace pwb::adapt
