#include "adapt/prompt_tuning.h"

#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

#include "model/parameter_count.h"

namespace pwb::adapt {

PromptTuningConfig PromptTuningConfig::fromJson(const nlohmann::json& options, const std::string& source) {
  PromptTuningConfig c;
  c.base = PromptLearningConfig::fromJson(options, source);
  const auto init = stringOption(options, "prompt_tuning_init", "RANDOM", source);
  if (init == "RANDOM") {
    c.prompt_tuning_init = Init::Random;
  } else if (init == "TEXT") {
    c.prompt_tuning_init = Init::Text;
  } else if (init == "SAMPLE_VOCAB") {
    c.prompt_tuning_init = Init::SampleVocab;
  } else {
    throw std::invalid_argument(source + ": 'prompt_tuning_init' must be RANDOM, TEXT or SAMPLE_VOCAB, got " + init);
  }
  c.prompt_tuning_init_text = stringOption(options, "prompt_tuning_init_text", "", source);
  if (c.prompt_tuning_init == Init::Text && c.prompt_tuning_init_text.empty()) {
    throw std::invalid_argument(source + ": prompt_tuning_init TEXT needs 'prompt_tuning_init_text'");
  }
  c.tokenizer_name_or_path = stringOption(options, "tokenizer_name_or_path", "", source);
  c.tokenizer_kwargs = options.value("tokenizer_kwargs", nlohmann::json());
  return c;
}

std::vector<std::int64_t> repeatOrCut(const std::vector<std::int64_t>& ids, std::int64_t count) {
  if (ids.empty()) throw std::invalid_argument("the prompt-tuning init text has no tokens");
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) out.push_back(ids[static_cast<std::size_t>(i) % ids.size()]);
  return out;
}

TrainableCount countPromptTuning(const model::ModelConfig& config, PromptTuningConfig tuning) {
  tuning.base.resolve(shapeOf(config), "");
  const auto added = tuning.base.totalVirtualTokens() * tuning.base.token_dim;
  return {added, model::countParameters(config).total + added};
}

PromptTuning::PromptTuning(PromptTuningConfig config, std::vector<std::int64_t> init_text_ids)
    : config_(std::move(config)), init_text_ids_(std::move(init_text_ids)) {}

std::unique_ptr<PromptTuning> PromptTuning::forLoading(PromptTuningConfig config) {
  auto method = std::make_unique<PromptTuning>(std::move(config));
  method->initialise_ = false;
  return method;
}

void PromptTuning::attach(BaseModel& model) {
  config_.base.resolve(model.shape(), model.name());
  if (config_.prompt_tuning_init == PromptTuningConfig::Init::Text && config_.tokenizer_name_or_path.empty()) {
    config_.tokenizer_name_or_path = model.name();
  }
  const auto rows = tableRows();
  // nn.Embedding's own init is N(0, 1): PEFT's RANDOM.
  embedding_ = encoder_->register_module("embedding", torch::nn::Embedding(rows, tableWidth()));
  if (!initialise_) return;
  torch::NoGradGuard no_grad;
  const auto vocabulary = model.tokenEmbeddingWeight();
  switch (config_.prompt_tuning_init) {
    case PromptTuningConfig::Init::Random: break;
    case PromptTuningConfig::Init::Text: {
      if (init_text_ids_.empty()) {
        throw std::invalid_argument("prompt tuning: TEXT init needs the token ids of \"" +
                                    config_.prompt_tuning_init_text + "\"");
      }
      const auto ids = repeatOrCut(init_text_ids_, rows);
      embedding_->weight.copy_(vocabulary.index_select(0, at::tensor(ids, at::kLong)));
      break;
    }
    case PromptTuningConfig::Init::SampleVocab:
      embedding_->weight.copy_(vocabulary.index_select(0, at::randint(vocabulary.size(0), {rows}, at::kLong)));
      break;
  }
}

PromptInjection PromptTuning::inject(std::int64_t batch) {
  PromptInjection injection;
  injection.virtual_tokens = virtualTokens(promptTable(), config_.base.num_virtual_tokens, batch);
  return injection;
}

nlohmann::json PromptTuning::adapterConfig() const {
  auto json = config_.base.toJson(peftType());
  static const char* kInitNames[] = {"RANDOM", "TEXT", "SAMPLE_VOCAB"};
  json["prompt_tuning_init"] = kInitNames[static_cast<int>(config_.prompt_tuning_init)];
  const bool text = config_.prompt_tuning_init == PromptTuningConfig::Init::Text;
  json["prompt_tuning_init_text"] = text ? nlohmann::json(config_.prompt_tuning_init_text) : nlohmann::json();
  json["tokenizer_name_or_path"] =
      config_.tokenizer_name_or_path.empty() ? nlohmann::json() : nlohmann::json(config_.tokenizer_name_or_path);
  json["tokenizer_kwargs"] = config_.tokenizer_kwargs;
  return json;
}

}  // namespace pwb::adapt
