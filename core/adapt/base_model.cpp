#include "adapt/base_model.h"

#include <stdexcept>

#include <torch/nn/functional/loss.h>

#include "model/hf_folder_loader.h"
#include "model/model_options.h"

namespace pwb::adapt {
namespace {

// Hugging Face's causal loss: logits[:, :-1] predict labels[:, 1:].
at::Tensor shiftedCrossEntropy(const at::Tensor& logits, const at::Tensor& labels) {
  const auto V = logits.size(-1);
  return torch::nn::functional::cross_entropy(
      logits.slice(1, 0, -1).reshape({-1, V}), labels.slice(1, 1).reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

at::Tensor prependOnes(const at::Tensor& mask, std::int64_t count) {
  return at::cat({at::ones({mask.size(0), count}, mask.options()), mask}, 1);
}

}  // namespace

ModelShape shapeOf(const model::ModelConfig& config) {
  ModelShape s;
  s.family = model::familyOf(config);
  if (const auto* g = std::get_if<model::Gpt2Config>(&config)) {
    s.vocab_size = g->vocab_size;
    s.hidden_size = g->n_embd;
    s.num_layers = g->n_layer;
    s.num_attention_heads = s.num_key_value_heads = g->n_head;
  } else if (const auto* t = std::get_if<model::T5Config>(&config)) {
    s.vocab_size = t->vocab_size;
    s.hidden_size = t->d_model;
    s.num_layers = t->num_layers;
    s.num_attention_heads = s.num_key_value_heads = t->num_heads;
    s.encoder_decoder = true;
  } else {
    const auto& l = std::get<model::LlamaConfig>(config);
    s.vocab_size = l.vocab_size;
    s.hidden_size = l.hidden_size;
    s.num_layers = l.num_hidden_layers;
    s.num_attention_heads = l.num_attention_heads;
    s.num_key_value_heads = l.num_key_value_heads;
  }
  return s;
}

BaseModel::BaseModel(const model::ModelConfig& config, std::string name)
    : BaseModel(config, name, [&]() -> Module {
        if (const auto* g = std::get_if<model::Gpt2Config>(&config)) {
          return model::Gpt2LMHeadModel(model::gpt2Options(*g, name));
        }
        if (const auto* t = std::get_if<model::T5Config>(&config)) {
          return model::T5ForConditionalGeneration(model::t5Options(*t, name));
        }
        return model::LlamaForCausalLM(model::llamaOptions(std::get<model::LlamaConfig>(config), name));
      }()) {}

BaseModel::BaseModel(const model::ModelConfig& config, std::string name, Module module)
    : config_(config), shape_(shapeOf(config)), name_(std::move(name)), module_(std::move(module)) {
  // The base is frozen unless a method (full fine-tuning) says otherwise.
  for (auto& p : this->module().parameters()) p.set_requires_grad(false);
  this->module().eval();
}

BaseModel BaseModel::fromLoaded(const model::LoadedModel& loaded) {
  if (!loaded.config) {
    throw std::invalid_argument(loaded.source.string() + ": the model has no configuration to adapt");
  }
  const auto name = loaded.source.filename().string();
  if (loaded.isEncoderDecoder()) return BaseModel(*loaded.config, name, loaded.seq2seq);
  if (auto* gpt2 = dynamic_cast<model::CausalModelAdapter<model::Gpt2LMHeadModel>*>(loaded.causal.get())) {
    return BaseModel(*loaded.config, name, gpt2->holder());
  }
  if (auto* llama = dynamic_cast<model::CausalModelAdapter<model::LlamaForCausalLM>*>(loaded.causal.get())) {
    return BaseModel(*loaded.config, name, llama->holder());
  }
  throw std::invalid_argument(loaded.source.string() + ": no adaptation support for this model's family");
}

BaseModel BaseModel::fromFolder(const std::filesystem::path& folder) {
  return fromLoaded(model::loadHuggingFaceFolder(folder, model::FolderTokenizer::Skipped));
}

torch::nn::Module& BaseModel::module() {
  return std::visit([](auto& holder) -> torch::nn::Module& { return *holder; }, module_);
}

at::Tensor BaseModel::tokenEmbeddingWeight() {
  if (auto* g = std::get_if<model::Gpt2LMHeadModel>(&module_)) return (*g)->transformer->wte->weight;
  if (auto* t = std::get_if<model::T5ForConditionalGeneration>(&module_)) return (*t)->shared->weight;
  return std::get<model::LlamaForCausalLM>(module_)->model->embed_tokens->weight;
}

model::T5ForConditionalGenerationImpl& BaseModel::t5() {
  auto* t5 = std::get_if<model::T5ForConditionalGeneration>(&module_);
  if (t5 == nullptr) throw std::invalid_argument(name_ + ": not an encoder-decoder (T5) model");
  return **t5;
}

at::Tensor BaseModel::embedTokens(const at::Tensor& ids) { return at::embedding(tokenEmbeddingWeight(), ids); }

ForwardOutput BaseModel::forward(const Batch& batch, const PromptInjection& injection) {
  return shape_.encoder_decoder ? forwardSeq2Seq(batch, injection) : forwardCausal(batch, injection);
}

ForwardOutput BaseModel::forwardCausal(const Batch& batch, const PromptInjection& injection) {
  auto embeddings = embedTokens(batch.input_ids);  // (B, T, C)
  auto mask = batch.attention_mask.defined() ? batch.attention_mask : at::ones_like(batch.input_ids);
  auto labels = batch.labels;
  if (injection.virtual_tokens.defined()) {
    // PEFT: virtual tokens are real to attention and ignored by the loss.
    const auto n = injection.virtual_tokens.size(1);
    embeddings = at::cat({injection.virtual_tokens, embeddings}, 1);
    mask = prependOnes(mask, n);
    if (labels.defined()) labels = at::cat({at::full({labels.size(0), n}, -100, labels.options()), labels}, 1);
  }
  model::KvCache cache = injection.prefix;
  const bool has_prefix = cache.length() > 0;
  if (has_prefix) mask = prependOnes(mask, cache.length());
  auto* cache_pointer = has_prefix ? &cache : nullptr;
  ForwardOutput out;
  if (auto* g = std::get_if<model::Gpt2LMHeadModel>(&module_)) {
    out.logits = (*g)->forwardEmbeddings(embeddings, mask, cache_pointer);
  } else {
    out.logits = std::get<model::LlamaForCausalLM>(module_)->forwardEmbeddings(embeddings, mask, cache_pointer);
  }
  if (labels.defined()) out.loss = shiftedCrossEntropy(out.logits, labels);
  return out;
}

ForwardOutput BaseModel::forwardSeq2Seq(const Batch& batch, const PromptInjection& injection) {
  auto& t5 = std::get<model::T5ForConditionalGeneration>(module_);
  if (!batch.labels.defined()) throw std::invalid_argument("a T5 batch needs labels (the target ids)");
  const auto mask = batch.attention_mask.defined() ? batch.attention_mask : at::ones_like(batch.input_ids);
  const auto [memory, memory_mask] = model::encodeAfterPrompt(*t5, batch.input_ids, mask, injection);
  auto cache = model::startingCache(injection, memory.size(1));
  ForwardOutput out;
  out.logits = t5->decode(t5->shiftRight(batch.labels), memory, memory_mask, &cache);
  out.loss = torch::nn::functional::cross_entropy(
      out.logits.reshape({-1, out.logits.size(-1)}), batch.labels.reshape({-1}),
      torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
  return out;
}

}  // namespace pwb::adapt
