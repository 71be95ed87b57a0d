#include "model/text_model.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "model/model_loader.h"
#include "model/parameter_count.h"

namespace pwb::model {

TextModel TextModel::open(const std::string& name_or_path) {
  return TextModel(std::make_unique<LoadedModel>(loadModel(name_or_path)));
}

TextModel::TextModel(std::unique_ptr<LoadedModel> loaded) : loaded_(std::move(loaded)) {}
TextModel::TextModel(TextModel&&) noexcept = default;
TextModel& TextModel::operator=(TextModel&&) noexcept = default;
TextModel::~TextModel() = default;

ModelSummary TextModel::summary() const {
  ModelSummary s;
  s.source = loaded_->source.string();
  s.family = loaded_->family;
  s.format = loaded_->format;
  s.tokenizer = loaded_->tokenizer->describe();
  s.special_tokens = loaded_->special_tokens;
  s.add_bos = loaded_->add_bos;
  s.encoder_decoder = loaded_->isEncoderDecoder();
  s.add_eos = loaded_->add_eos;
  s.context_length = loaded_->context_length;
  for (const auto& p : loaded_->module().named_parameters()) {
    s.tensors.push_back({p.key(), p.value().sizes().vec()});
    s.parameters += p.value().numel();
  }
  if (loaded_->config) {
    const auto counts = countParameters(*loaded_->config);
    s.embedding_parameters = counts.total - counts.non_embedding;
    s.non_embedding_parameters = counts.non_embedding;
    // A llama2.c model has a config too (its header's equivalent), but no config.json.
    if (loaded_->format == "huggingface") {
      s.config_json = nlohmann::json::parse(std::ifstream(loaded_->source / "config.json")).dump(2);
    }
  }
  return s;
}

GeneratedText TextModel::generate(const std::string& prompt, const SamplingOptions& options) const {
  const auto eos = loaded_->special_tokens.eos;
  GeneratedText out;
  const auto prompt_ids = loaded_->encodePrompt(prompt);
  out.token_ids = loaded_->generate(prompt_ids, options);
  out.stopped_at_eos = eos && !out.token_ids.empty() && out.token_ids.back() == *eos;
  if (out.stopped_at_eos) out.token_ids.pop_back();
  const auto& tokenizer = *loaded_->tokenizer;
  if (loaded_->isEncoderDecoder()) {
    out.text = tokenizer.decode(out.token_ids);  // a new text, not a continuation of the prompt
    return out;
  }
  // Decoded together with the prompt, so a leading space of the continuation survives (decoders
  // drop a sequence's leading word-boundary marker).
  auto whole = prompt_ids;
  whole.insert(whole.end(), out.token_ids.begin(), out.token_ids.end());
  const auto prompt_text = tokenizer.decode(prompt_ids);
  const auto whole_text = tokenizer.decode(whole);
  out.text = whole_text.rfind(prompt_text, 0) == 0 ? whole_text.substr(prompt_text.size())
                                                    : tokenizer.decode(out.token_ids);
  return out;
}

ContinuationLikelihood TextModel::score(const std::string& context, const std::string& continuation) const {
  const auto [context_ids, continuation_ids] = loaded_->encodeContextAndContinuation(context, continuation);
  const auto scored = loaded_->score(context_ids, continuation_ids);
  ContinuationLikelihood out;
  out.total = scored.total;
  for (std::size_t i = 0; i < continuation_ids.size(); ++i) {
    out.tokens.push_back({continuation_ids[i], loaded_->tokenizer->piece(continuation_ids[i]), scored.per_token[i]});
  }
  return out;
}

}  // namespace pwb::model
