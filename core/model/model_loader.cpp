#include "model/model_loader.h"

#include <stdexcept>

#include "model/generation.h"
#include "model/hf_folder_loader.h"
#include "model/llama2c_checkpoint.h"
#include "text/sentencepiece_tokenizer.h"

namespace pwb::model {
namespace {

// llama2.c keeps the tokenizer beside the checkpoint: tokenizer.model or a single tok*.model.
std::filesystem::path llama2cTokenizerFor(const std::filesystem::path& checkpoint) {
  const auto dir = checkpoint.parent_path();
  if (std::filesystem::exists(dir / "tokenizer.model")) return dir / "tokenizer.model";
  std::filesystem::path found;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("tok", 0) == 0 && entry.path().extension() == ".model") {
      if (!found.empty()) {
        throw std::runtime_error(dir.string() + ": several tok*.model files beside " + checkpoint.filename().string() +
                                 "; keep one, or name it tokenizer.model");
      }
      found = entry.path();
    }
  }
  if (found.empty()) {
    throw std::runtime_error(checkpoint.string() + ": no SentencePiece tokenizer beside it (tokenizer.model or tok*.model)");
  }
  return found;
}

LoadedModel loadLlama2c(const std::filesystem::path& file) {
  LoadedModel loaded;
  auto checkpoint = loadLlama2cCheckpoint(file);
  loaded.family = "llama";
  loaded.format = "llama2.c";
  loaded.source = file;
  loaded.config = checkpoint.config;
  loaded.context_length = checkpoint.options.max_position_embeddings;
  loaded.tokenizer = text::SentencePieceTokenizer::load(llama2cTokenizerFor(file));
  if (loaded.tokenizer->vocabSize() != checkpoint.options.vocab_size) {
    throw std::runtime_error(file.string() + ": the model has a vocabulary of " +
                             std::to_string(checkpoint.options.vocab_size) + " but its tokenizer has " +
                             std::to_string(loaded.tokenizer->vocabSize()));
  }
  loaded.special_tokens = loaded.tokenizer->specialTokens();
  loaded.add_bos = loaded.special_tokens.bos.has_value();
  loaded.causal = wrapCausal(std::move(checkpoint.model));
  return loaded;
}

// What an attached adapter puts in front of one sequence; nothing without one.
PromptInjection seq2seqPrompt(const LoadedModel& model) {
  return model.seq2seq_adapter ? model.seq2seq_adapter->inject(1) : PromptInjection{};
}

}  // namespace

torch::nn::Module& LoadedModel::module() const {
  return isEncoderDecoder() ? static_cast<torch::nn::Module&>(*seq2seq.ptr()) : causal->module();
}

std::vector<std::int64_t> LoadedModel::encodePrompt(const std::string& text) const {
  auto ids = tokenizer->encode(text);
  if (add_bos && special_tokens.bos) ids.insert(ids.begin(), *special_tokens.bos);
  if (add_eos && special_tokens.eos) ids.push_back(*special_tokens.eos);
  return ids;
}

std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> LoadedModel::encodeContextAndContinuation(
    const std::string& context, const std::string& continuation) const {
  if (isEncoderDecoder()) return {encodePrompt(context), encodePrompt(continuation)};
  auto context_ids = encodePrompt(context);
  const auto whole = encodePrompt(context + continuation);
  std::size_t shared = 0;
  while (shared < context_ids.size() && shared < whole.size() && context_ids[shared] == whole[shared]) ++shared;
  if (shared == whole.size()) {
    // The continuation added no token of its own: score its separate encoding instead.
    return {context_ids, tokenizer->encode(continuation)};
  }
  context_ids.resize(shared);
  return {context_ids, std::vector<std::int64_t>(whole.begin() + static_cast<std::ptrdiff_t>(shared), whole.end())};
}

ContinuationScore LoadedModel::score(const std::vector<std::int64_t>& context,
                                     const std::vector<std::int64_t>& continuation) const {
  return isEncoderDecoder() ? scoreContinuation(*seq2seq.ptr(), context, continuation, seq2seqPrompt(*this))
                            : scoreContinuation(*causal, context, continuation);
}

std::vector<std::int64_t> LoadedModel::generate(const std::vector<std::int64_t>& prompt,
                                                const SamplingOptions& options) const {
  auto sampling = options;
  if (special_tokens.eos) sampling.stop_ids.push_back(*special_tokens.eos);
  if (!isEncoderDecoder()) {
    KvCache cache;
    return generateTokens(causal->extendsKvCache() ? cachedCausalStep(*causal, cache) : wholeSequenceCausalStep(*causal),
                          prompt, sampling);
  }
  return generateSeq2Seq(*seq2seq.ptr(), prompt, sampling, {}, seq2seqPrompt(*this));
}

LoadedModel loadModel(const std::string& name_or_path) {
  const auto path = resolveModelPath(name_or_path);
  if (!std::filesystem::exists(path)) {
    std::string names;
    for (const auto& name : builtinModelNames()) names += (names.empty() ? "" : ", ") + name;
    throw std::runtime_error(path.string() + ": no such model file or folder (built-in names: " + names + ")");
  }
  if (std::filesystem::is_directory(path)) return loadHuggingFaceFolder(path);
  if (std::filesystem::is_regular_file(path) && path.extension() == ".bin") return loadLlama2c(path);
  throw std::runtime_error(path.string() +
                           ": not a model this version can open (a Hugging Face model folder, a llama2.c .bin "
                           "checkpoint, or a built-in name)");
}

}  // namespace pwb::model
