#pragma once
// T5 encoder-decoder (v1.0, and v1.1 / Flan-T5 with a gated feed-forward) with Hugging Face's
// parameter names, so that a T5ForConditionalGeneration state dict loads and saves by name:
// shared, {encoder,decoder}.block.<i>.layer.<j>.{SelfAttention, EncDecAttention, DenseReluDense,
// layer_norm}, {encoder,decoder}.final_layer_norm, lm_head (absent when tied).
// Hugging Face's encoder.embed_tokens and decoder.embed_tokens are `shared` itself: they are not
// registered again, so the state dict holds the embedding once, as model.safetensors does.
// Norms are RMS-style (no mean, no bias). Pre-norm residual blocks; dropout is not modelled.
// Shapes: B batch, S encoder tokens, T decoder tokens (new ones, with a cache), C d_model, V vocab.

#include <vector>

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include "model/kv_cache.h"
#include "model/llama.h"  // RmsNorm is T5's LayerNorm
#include "model/prompt_injection.h"
#include "model/t5_attention.h"
#include "model/t5_options.h"

namespace pwb::model {

// A decoder's state during generation: self-attention keys and values grow with every step;
// cross-attention ones are projections of the fixed encoder output, made at the first step.
struct T5Cache {
  KvCache self_attention;   // per decoder layer (B, H, T so far, D)
  KvCache cross_attention;  // per decoder layer (B, H, S, D)
};

class T5DenseActDenseImpl : public torch::nn::Module {
 public:
  explicit T5DenseActDenseImpl(const T5Options& options);
  torch::Tensor forward(const torch::Tensor& x);  // (B, T, C) -> (B, T, C)
  HookedLinear wi{nullptr};                  // not gated
  HookedLinear wi_0{nullptr}, wi_1{nullptr};  // gated: act(wi_0 x) * wi_1 x
  HookedLinear wo{nullptr};

 private:
  T5Options::Activation activation_;
};
TORCH_MODULE(T5DenseActDense);

class T5LayerFFImpl : public torch::nn::Module {
 public:
  explicit T5LayerFFImpl(const T5Options& options);
  torch::Tensor forward(const torch::Tensor& x);  // x + DenseReluDense(layer_norm(x))
  T5DenseActDense DenseReluDense{nullptr};
  RmsNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerFF);

class T5LayerSelfAttentionImpl : public torch::nn::Module {
 public:
  T5LayerSelfAttentionImpl(const T5Options& options, bool has_relative_attention_bias);
  // x (B, T, C) + attention over x itself (and the cached earlier tokens).
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& bias, const torch::Tensor& blocked,
                        KvCache* cache, std::size_t layer);
  T5Attention SelfAttention{nullptr};
  RmsNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerSelfAttention);

class T5LayerCrossAttentionImpl : public torch::nn::Module {
 public:
  explicit T5LayerCrossAttentionImpl(const T5Options& options);
  // x (B, T, C) + attention over memory (B, S, C), the encoder output. No position bias.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& memory, const torch::Tensor& blocked,
                        KvCache* cache, std::size_t layer);
  T5Attention EncDecAttention{nullptr};
  RmsNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerCrossAttention);

// One block: layer.0 self-attention, (decoder only: layer.1 cross-attention), then feed-forward.
class T5BlockImpl : public torch::nn::Module {
 public:
  T5BlockImpl(const T5Options& options, bool is_decoder, bool has_relative_attention_bias);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& bias, const torch::Tensor& blocked,
                        const torch::Tensor& memory, const torch::Tensor& memory_blocked, T5Cache* cache,
                        std::size_t index);
  torch::nn::ModuleList layer{nullptr};
  // Typed views of the entries of `layer`.
  T5LayerSelfAttention self_attention{nullptr};
  T5LayerCrossAttention cross_attention{nullptr};  // null in the encoder
  T5LayerFF feed_forward{nullptr};
};
TORCH_MODULE(T5Block);

class T5StackImpl : public torch::nn::Module {
 public:
  T5StackImpl(const T5Options& options, bool is_decoder);
  // Encoder: embeddings (B, S, C) -> (B, S, C) after final_layer_norm. mask (B, S), 1 = real
  // token, or undefined. Attention is bidirectional.
  torch::Tensor encode(const torch::Tensor& embeddings, const torch::Tensor& mask,
                       std::vector<torch::Tensor>* hidden_states);
  // Decoder: embeddings of new tokens (B, T, C) -> (B, T, C), causal, attending to memory (B, S, C)
  // where memory_mask (B, S) is 1 (or everywhere when undefined). With a cache, the new tokens
  // follow the cached ones.
  torch::Tensor decode(const torch::Tensor& embeddings, const torch::Tensor& memory, const torch::Tensor& memory_mask,
                       T5Cache* cache, std::vector<torch::Tensor>* hidden_states);
  torch::nn::ModuleList block{nullptr};
  RmsNorm final_layer_norm{nullptr};

 private:
  // hidden_states as Hugging Face's output_hidden_states: the input, each block's output but the
  // last, then the normed output.
  torch::Tensor run(torch::Tensor x, const torch::Tensor& bias, const torch::Tensor& blocked,
                    const torch::Tensor& memory, const torch::Tensor& memory_blocked, T5Cache* cache,
                    std::vector<torch::Tensor>* hidden_states);
  T5Attention positionSource();  // block 0's self-attention, the only one with a position bias
};
TORCH_MODULE(T5Stack);

class T5ForConditionalGenerationImpl : public torch::nn::Module {
 public:
  explicit T5ForConditionalGenerationImpl(const T5Options& options);

  // input_ids (B, S), attention_mask (B, S) or undefined -> encoder output (B, S, C).
  // hidden_states, when given, receives num_layers + 1 tensors (B, S, C).
  torch::Tensor encode(const torch::Tensor& input_ids, const torch::Tensor& attention_mask = {},
                       std::vector<torch::Tensor>* hidden_states = nullptr);
  // decoder_input_ids (B, T) -> logits (B, T, V) over encoder_output (B, S, C), whose padding
  // attention_mask (B, S) marks. With a cache, feed the decoder ids one step at a time.
  // hidden_states, when given, receives num_decoder_layers + 1 tensors (B, T, C).
  torch::Tensor decode(const torch::Tensor& decoder_input_ids, const torch::Tensor& encoder_output,
                       const torch::Tensor& attention_mask = {}, T5Cache* cache = nullptr,
                       std::vector<torch::Tensor>* hidden_states = nullptr);
  // encode + decode: logits (B, T, V).
  torch::Tensor forward(const torch::Tensor& input_ids, const torch::Tensor& attention_mask,
                        const torch::Tensor& decoder_input_ids);
  // Hugging Face's loss for `labels` (B, T): decoder input shiftRight(labels), mean cross-entropy
  // of the logits against the labels themselves, positions with -100 ignored.
  torch::Tensor loss(const torch::Tensor& input_ids, const torch::Tensor& attention_mask, const torch::Tensor& labels);
  // labels (B, T) -> decoder_start_token_id, labels[:, :-1], with -100 replaced by pad_token_id.
  torch::Tensor shiftRight(const torch::Tensor& labels) const;

  const T5Options& options() const { return options_; }
  torch::nn::Embedding shared{nullptr};  // (V, C), also both stacks' embed_tokens
  T5Stack encoder{nullptr};
  T5Stack decoder{nullptr};
  torch::nn::Linear lm_head{nullptr};  // null when tied to shared

 private:
  T5Options options_;
};
TORCH_MODULE(T5ForConditionalGeneration);

// An adapter's prompt on T5, as PEFT passes it for seq2seq models. The encoder output (B, n + S, C)
// over the virtual tokens followed by input_ids (B, S), and the mask (B, n + S) that goes with it
// (ones for the virtual tokens; undefined when attention_mask is).
std::pair<torch::Tensor, torch::Tensor> encodeAfterPrompt(T5ForConditionalGenerationImpl& model,
                                                          const torch::Tensor& input_ids,
                                                          const torch::Tensor& attention_mask,
                                                          const PromptInjection& prompt);
// The decoder's cache before its first token: the prefix's keys and values, so that decoder
// positions start after them; the cross-attention prefix only where its length equals the
// encoder output's, as Hugging Face's T5 uses it (otherwise the encoder output is projected).
T5Cache startingCache(const PromptInjection& prompt, std::int64_t encoder_length);

}  // namespace pwb::model
