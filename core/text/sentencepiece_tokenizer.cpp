#include "text/sentencepiece_tokenizer.h"

#include <sentencepiece_model.pb.h>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <stdexcept>

namespace pwb::text {

struct SentencePieceTokenizer::Impl {
  sentencepiece::SentencePieceProcessor processor;
  std::string source;
};

namespace {

std::optional<TokenId> presentId(int id) {
  return id >= 0 ? std::optional<TokenId>(id) : std::nullopt;
}

std::string modelTypeName(const sentencepiece::ModelProto& proto) {
  switch (proto.trainer_spec().model_type()) {
    case sentencepiece::TrainerSpec::UNIGRAM: return "unigram";
    case sentencepiece::TrainerSpec::BPE: return "BPE";
    case sentencepiece::TrainerSpec::WORD: return "word";
    case sentencepiece::TrainerSpec::CHAR: return "char";
  }
  return "unknown";
}

}  // namespace

SentencePieceTokenizer::SentencePieceTokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentencePieceTokenizer::~SentencePieceTokenizer() = default;

std::unique_ptr<SentencePieceTokenizer> SentencePieceTokenizer::load(const std::filesystem::path& model_file) {
  if (!std::filesystem::is_regular_file(model_file)) {
    throw std::runtime_error(model_file.string() + ": no such SentencePiece model file");
  }
  auto impl = std::make_unique<Impl>();
  impl->source = model_file.string();
  const auto status = impl->processor.Load(model_file.string());
  if (!status.ok()) {
    throw std::runtime_error(model_file.string() + ": not a SentencePiece model (" + status.ToString() + ")");
  }
  return std::unique_ptr<SentencePieceTokenizer>(new SentencePieceTokenizer(std::move(impl)));
}

void SentencePieceTokenizer::train(const std::filesystem::path& corpus_file,
                                   const std::filesystem::path& model_file,
                                   const SentencePieceTrainingOptions& options) {
  if (!std::filesystem::is_regular_file(corpus_file)) {
    throw std::runtime_error(corpus_file.string() + ": no such corpus file");
  }
  auto prefix = model_file;
  prefix.replace_extension();
  const std::string args =
      "--input=" + corpus_file.string() + " --model_prefix=" + prefix.string() +
      " --vocab_size=" + std::to_string(options.vocab_size) + " --model_type=" + options.model_type +
      " --normalization_rule_name=" + (options.lower_case ? "nmt_nfkc_cf" : "nmt_nfkc") +
      " --num_threads=" + std::to_string(options.num_threads) +
      " --pad_id=" + std::to_string(options.pad_id) + " --unk_id=" + std::to_string(options.unk_id) +
      " --bos_id=" + std::to_string(options.bos_id) + " --eos_id=" + std::to_string(options.eos_id) +
      " --character_coverage=1.0 --max_sentence_length=16384 --minloglevel=2";
  const auto status = sentencepiece::SentencePieceTrainer::Train(args);
  if (!status.ok()) {
    throw std::runtime_error("training a SentencePiece model on " + corpus_file.string() +
                             " failed: " + status.ToString());
  }
}

std::vector<TokenId> SentencePieceTokenizer::encode(std::string_view text) const {
  std::vector<int> ids;
  const auto status = impl_->processor.Encode(text, &ids);
  if (!status.ok()) throw std::runtime_error("SentencePiece encode failed: " + status.ToString());
  return {ids.begin(), ids.end()};
}

std::string SentencePieceTokenizer::decode(const std::vector<TokenId>& ids) const {
  std::vector<int> narrow;
  narrow.reserve(ids.size());
  for (const auto id : ids) {
    if (id < 0 || id >= vocabSize()) {
      throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary of " +
                              std::to_string(vocabSize()));
    }
    narrow.push_back(static_cast<int>(id));
  }
  std::string text;
  const auto status = impl_->processor.Decode(narrow, &text);
  if (!status.ok()) throw std::runtime_error("SentencePiece decode failed: " + status.ToString());
  return text;
}

std::int64_t SentencePieceTokenizer::vocabSize() const { return impl_->processor.GetPieceSize(); }

std::string SentencePieceTokenizer::piece(TokenId id) const {
  if (id < 0 || id >= vocabSize()) throw std::out_of_range("token id " + std::to_string(id) + " out of range");
  return impl_->processor.IdToPiece(static_cast<int>(id));
}

SpecialTokens SentencePieceTokenizer::specialTokens() const {
  const auto& p = impl_->processor;
  return {presentId(p.bos_id()), presentId(p.eos_id()), presentId(p.pad_id()), presentId(p.unk_id())};
}

std::string SentencePieceTokenizer::describe() const {
  return "SentencePiece " + modelTypeName(impl_->processor.model_proto()) + ", vocabulary " +
         std::to_string(vocabSize());
}

}  // namespace pwb::text
