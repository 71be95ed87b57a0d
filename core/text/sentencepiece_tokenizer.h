#pragma once
// SentencePiece models (.model files: T5's spiece.model, Llama's tokenizer.model, the built-in
// vocabulary) behind the Tokenizer interface. Torch-free header; SentencePiece stays in the .cpp.

#include <filesystem>
#include <memory>

#include "text/tokenizer.h"

namespace pwb::text {

struct SentencePieceTrainingOptions {
  int vocab_size = 4000;
  std::string model_type = "unigram";  // unigram | bpe
  bool lower_case = false;             // nmt_nfkc_cf normalisation when true
  int num_threads = 2;
  // SentencePiece reserves these ids; -1 disables one.
  int pad_id = 0;
  int unk_id = 1;
  int bos_id = 2;
  int eos_id = 3;
};

class SentencePieceTokenizer final : public Tokenizer {
 public:
  // Throws std::runtime_error naming the file when it is missing or not a SentencePiece model.
  static std::unique_ptr<SentencePieceTokenizer> load(const std::filesystem::path& model_file);
  // Trains on a text file (one sentence per line) and writes model_file (and a .vocab beside it).
  static void train(const std::filesystem::path& corpus_file,
                    const std::filesystem::path& model_file,
                    const SentencePieceTrainingOptions& options);

  ~SentencePieceTokenizer() override;

  std::vector<TokenId> encode(std::string_view text) const override;
  std::string decode(const std::vector<TokenId>& ids) const override;
  std::int64_t vocabSize() const override;
  std::string piece(TokenId id) const override;
  SpecialTokens specialTokens() const override;
  std::string describe() const override;

 private:
  struct Impl;
  explicit SentencePieceTokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pwb::text
