#pragma once
// The one interface every tokenizer implements (SentencePiece, GPT-2 byte-level BPE, ...).
// Torch-free: ui code may include it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::text {

using TokenId = std::int64_t;

// Ids a model folder's configs declare; absent when the tokenizer has none.
struct SpecialTokens {
  std::optional<TokenId> bos;
  std::optional<TokenId> eos;
  std::optional<TokenId> pad;
  std::optional<TokenId> unk;
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Plain ids for the text: no BOS/EOS added (callers add specials by the model's rule).
  virtual std::vector<TokenId> encode(std::string_view text) const = 0;
  virtual std::string decode(const std::vector<TokenId>& ids) const = 0;
  virtual std::int64_t vocabSize() const = 0;
  // The piece (surface string as stored in the vocabulary) for one id.
  virtual std::string piece(TokenId id) const = 0;
  virtual SpecialTokens specialTokens() const = 0;
  // A short description for `pwb model inspect` and the GUI, e.g. "SentencePiece unigram, 4000".
  virtual std::string describe() const = 0;
};

}  // namespace pwb::text
