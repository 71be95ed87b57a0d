#pragma once
// The shape and behaviour of a T5 model, with Hugging Face's config.json names. Defaults are
// t5-small (v1.0); v1.1 and Flan-T5 use a gated feed-forward and untied embeddings.

#include <cstdint>

namespace pwb::model {

struct T5Options {
  enum class Activation { Relu, GeluNew, Gelu, Silu };  // gelu_new: tanh approximation; gelu: erf
  struct FeedForwardProj {
    bool is_gated = false;  // v1.1 / Flan-T5: wo(act(wi_0 x) * wi_1 x); v1.0: wo(act(wi x))
    Activation activation = Activation::Relu;
  };

  std::int64_t vocab_size = 32128;
  std::int64_t d_model = 512;
  std::int64_t d_kv = 64;
  std::int64_t d_ff = 2048;
  std::int64_t num_layers = 6;
  std::int64_t num_decoder_layers = 0;  // 0: num_layers
  std::int64_t num_heads = 8;
  std::int64_t relative_attention_num_buckets = 32;
  std::int64_t relative_attention_max_distance = 128;
  FeedForwardProj feed_forward_proj;
  double layer_norm_epsilon = 1e-6;
  bool tie_word_embeddings = true;
  std::int64_t decoder_start_token_id = 0;
  std::int64_t pad_token_id = 0;
  std::int64_t eos_token_id = 1;

  std::int64_t decoderLayers() const { return num_decoder_layers > 0 ? num_decoder_layers : num_layers; }
};

}  // namespace pwb::model
