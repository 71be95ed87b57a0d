#pragma once
// Opens whatever a user points at — a built-in model's name, a llama2.c checkpoint file, or a
// Hugging Face model folder — as one loaded model with its tokenizer, and scores and generates
// through one interface whatever the family: callers (the CLI, prompt-design evaluation, the
// trainer) need not know whether the model is decoder-only or encoder-decoder.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/causal_lm.h"
#include "model/model_config.h"
#include "model/model_source.h"
#include "model/prompt_injection.h"
#include "model/sampling_options.h"
#include "model/scoring.h"
#include "model/t5.h"
#include "text/tokenizer.h"

namespace pwb::model {

struct LoadedModel {
  std::string family;       // "gpt2", "llama", "t5"
  std::string format;       // "llama2.c", "huggingface"
  std::filesystem::path source;
  std::optional<ModelConfig> config;            // from config.json (Hugging Face folders)
  std::unique_ptr<CausalLanguageModel> causal;  // decoder-only families
  T5ForConditionalGeneration seq2seq{nullptr};  // encoder-decoder families
  std::unique_ptr<AttachedAdapter> seq2seq_adapter;  // an adapter on seq2seq (adapt::openWithAdapter), or null
  std::unique_ptr<text::Tokenizer> tokenizer;
  text::SpecialTokens special_tokens;
  bool add_bos = false;  // prepend BOS to an encoded prompt (Llama's tokenizers do)
  bool add_eos = false;  // append EOS to an encoded text (T5's tokenizer does, to input and target)
  std::int64_t context_length = 0;  // 0: no fixed limit (T5's relative positions)

  bool isEncoderDecoder() const { return !seq2seq.is_empty(); }
  // The family's module, for parameter access (summaries, training).
  torch::nn::Module& module() const;

  // Prompt ids by the model's own rule (BOS where the tokenizer adds it; EOS after an
  // encoder-decoder's input).
  std::vector<std::int64_t> encodePrompt(const std::string& text) const;
  // The ids `score` takes for a context and its continuation. Causal: together they are the
  // encoding of context + continuation, as the model would see the whole text (a word split
  // across the boundary is given to the continuation). Encoder-decoder: the encoder's input and
  // the decoder's target, each encoded on its own.
  std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> encodeContextAndContinuation(
      const std::string& context, const std::string& continuation) const;

  // Log-likelihood of each continuation id after the context ids.
  ContinuationScore score(const std::vector<std::int64_t>& context, const std::vector<std::int64_t>& continuation) const;
  // New ids after the prompt ids (a causal model continues them; an encoder-decoder reads them
  // with its encoder and decodes from its start token), stopping at EOS (kept) or the budget.
  std::vector<std::int64_t> generate(const std::vector<std::int64_t>& prompt, const SamplingOptions& options) const;
};

// Throws std::runtime_error naming the path and what is missing or wrong.
LoadedModel loadModel(const std::string& name_or_path);

}  // namespace pwb::model
