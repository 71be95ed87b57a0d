#pragma once
// GPT-2's byte-level BPE (GPT-2, GPT-Neo, RoBERTa-style vocabularies) behind the Tokenizer
// interface, torch-free. Encoding follows GPT-2's reference encoder: the pre-tokenisation pattern
// of pretokenizer.h, each piece's bytes mapped to characters (byte_level_unicode.h), then BPE merges
// applied lowest rank first. Added tokens (e.g. "<|endoftext|>") are cut out of the text first and
// never merged with their neighbours. decode(encode(s)) == s for any UTF-8 s (unless the tokenizer
// adds a prefix space); decode replaces byte sequences that are not UTF-8 with U+FFFD.
//
// Thread-safe: encode keeps a cache of pieces behind a mutex.

#include <filesystem>
#include <memory>

#include "text/tokenizer.h"

namespace pwb::text {

class Gpt2BpeTokenizer final : public Tokenizer {
 public:
  // A Hugging Face model folder: tokenizer.json when present, otherwise vocab.json + merges.txt
  // (plus added_tokens.json and tokenizer_config.json's added_tokens_decoder).
  // Special tokens: for each role the first of special_tokens_map.json, tokenizer_config.json
  // ("<role>_token"), config.json ("<role>_token_id"; the first id when it is a list) that names
  // it decides (null means none); bos, eos and unk nobody names default to "<|endoftext|>" when the
  // vocabulary has it, as Hugging Face's GPT2Tokenizer does. Special tokens given as text are
  // matched in the text like added tokens.
  static std::unique_ptr<Gpt2BpeTokenizer> load(const std::filesystem::path& folder);

  // Exactly GPT-2's reference encoder: the two files only, no special tokens, nothing matched
  // before BPE.
  static std::unique_ptr<Gpt2BpeTokenizer> loadVocabAndMerges(const std::filesystem::path& vocab_json,
                                                              const std::filesystem::path& merges_txt);

  // A tokenizer.json whose model is BPE with a ByteLevel pre-tokenizer and no normalizer; its
  // added_tokens are matched before BPE. No special tokens (they live in the folder's configs).
  static std::unique_ptr<Gpt2BpeTokenizer> loadTokenizerJson(const std::filesystem::path& tokenizer_json);

  // Every loader throws std::runtime_error naming the file (and the line of merges.txt) when a file
  // is missing, malformed, or asks for something this tokenizer does not do.

  ~Gpt2BpeTokenizer() override;

  std::vector<TokenId> encode(std::string_view text) const override;
  std::string decode(const std::vector<TokenId>& ids) const override;
  // One more than the largest id of the vocabulary and the added tokens.
  std::int64_t vocabSize() const override;
  // The stored piece: byte-level characters ("Ġthe" for " the"), or an added token's text.
  std::string piece(TokenId id) const override;
  SpecialTokens specialTokens() const override;
  std::string describe() const override;

 private:
  struct Impl;
  explicit Gpt2BpeTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pwb::text
