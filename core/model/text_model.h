#pragma once
// A loaded model and its tokenizer as text in, text out: what the CLI and the GUI use to look
// at a model, continue a prompt and score a continuation. Torch-free header.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/sampling_options.h"
#include "text/tokenizer.h"

namespace pwb::model {

struct LoadedModel;

struct TensorSummary {
  std::string name;
  std::vector<std::int64_t> shape;
};

struct ModelSummary {
  std::string source, family, format, tokenizer;
  text::SpecialTokens special_tokens;
  bool add_bos = false;
  bool encoder_decoder = false;
  bool add_eos = false;
  std::int64_t context_length = 0;  // 0: no fixed limit
  std::int64_t parameters = 0;      // every parameter, a tied tensor once
  // From config.json (Hugging Face folders) without touching weights; absent otherwise.
  std::optional<std::int64_t> embedding_parameters, non_embedding_parameters;
  std::string config_json;  // the folder's config.json, pretty-printed; empty otherwise
  std::vector<TensorSummary> tensors;
};

struct GeneratedText {
  std::string text;  // the continuation only, without a final EOS
  std::vector<std::int64_t> token_ids;
  bool stopped_at_eos = false;
};

struct ScoredToken {
  std::int64_t id = 0;
  std::string piece;
  double log_likelihood = 0.0;
};

struct ContinuationLikelihood {
  double total = 0.0;
  std::vector<ScoredToken> tokens;
};

class TextModel {
 public:
  // A built-in name, a llama2.c file or a Hugging Face folder; throws naming what is wrong.
  static TextModel open(const std::string& name_or_path);
  TextModel(TextModel&&) noexcept;
  TextModel& operator=(TextModel&&) noexcept;
  ~TextModel();

  ModelSummary summary() const;
  // Greedy unless a temperature is set; stops at the model's EOS. An encoder-decoder model reads
  // the prompt with its encoder and writes the text its decoder generates.
  GeneratedText generate(const std::string& prompt, const SamplingOptions& options) const;
  // Encoder-decoder: the context is the encoder's input, the continuation the decoder's target
  // (with the EOS its tokenizer appends, which is scored as one of its tokens).
  ContinuationLikelihood score(const std::string& context, const std::string& continuation) const;

  // A model already loaded (and perhaps adapted, see adapt/adapted_text_model.h).
  explicit TextModel(std::unique_ptr<LoadedModel> loaded);

 private:
  std::unique_ptr<LoadedModel> loaded_;
};

}  // namespace pwb::model
