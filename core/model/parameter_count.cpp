#include "model/parameter_count.h"

namespace pwb::model {
namespace {

// Appends tensors in the order the Hugging Face modules register them.
class LayoutBuilder {
 public:
  void add(std::string name, std::vector<std::int64_t> shape, TensorRole role = TensorRole::Other) {
    layout_.tensors.push_back({std::move(name), std::move(shape), role});
  }

  // nn.Linear: weight [out, in].
  void linear(const std::string& prefix, std::int64_t in, std::int64_t out, bool bias) {
    add(prefix + ".weight", {out, in});
    if (bias) add(prefix + ".bias", {out});
  }

  // GPT-2's Conv1D: weight [in, out], always a bias.
  void conv1d(const std::string& prefix, std::int64_t in, std::int64_t out) {
    add(prefix + ".weight", {in, out});
    add(prefix + ".bias", {out});
  }

  void layerNorm(const std::string& prefix, std::int64_t width) {
    add(prefix + ".weight", {width});
    add(prefix + ".bias", {width});
  }

  // RMSNorm (Llama) and T5's LayerNorm: a scale and no bias.
  void scaleNorm(const std::string& prefix, std::int64_t width) { add(prefix + ".weight", {width}); }

  void tie(std::string name, std::string target) { layout_.tied.push_back({std::move(name), std::move(target)}); }

  // The language-model head: its own tensor, or another name for the token embedding.
  void lmHead(bool tied, const std::string& token_embedding, std::int64_t vocab, std::int64_t width) {
    if (tied) {
      tie("lm_head.weight", token_embedding);
    } else {
      add("lm_head.weight", {vocab, width}, TensorRole::OutputEmbedding);
    }
  }

  CheckpointLayout take() { return std::move(layout_); }

 private:
  CheckpointLayout layout_;
};

CheckpointLayout gpt2Layout(const Gpt2Config& c) {
  LayoutBuilder b;
  const auto d = c.n_embd;
  b.add("transformer.wte.weight", {c.vocab_size, d}, TensorRole::TokenEmbedding);
  b.add("transformer.wpe.weight", {c.n_positions, d}, TensorRole::PositionEmbedding);
  for (std::int64_t i = 0; i < c.n_layer; ++i) {
    const auto p = "transformer.h." + std::to_string(i) + ".";
    b.layerNorm(p + "ln_1", d);
    b.conv1d(p + "attn.c_attn", d, 3 * d);  // q|k|v on the output axis
    b.conv1d(p + "attn.c_proj", d, d);
    b.layerNorm(p + "ln_2", d);
    b.conv1d(p + "mlp.c_fc", d, c.n_inner);
    b.conv1d(p + "mlp.c_proj", c.n_inner, d);
  }
  b.layerNorm("transformer.ln_f", d);
  b.lmHead(c.tie_word_embeddings, "transformer.wte.weight", c.vocab_size, d);
  return b.take();
}

void t5Attention(LayoutBuilder& b, const T5Config& c, const std::string& prefix, bool relative_bias) {
  b.linear(prefix + ".q", c.d_model, c.innerDim(), false);
  b.linear(prefix + ".k", c.d_model, c.innerDim(), false);
  b.linear(prefix + ".v", c.d_model, c.innerDim(), false);
  b.linear(prefix + ".o", c.innerDim(), c.d_model, false);
  // Block 0 of each stack computes the position bias; later blocks reuse it.
  if (relative_bias) b.add(prefix + ".relative_attention_bias.weight", {c.relative_attention_num_buckets, c.num_heads});
}

void t5Stack(LayoutBuilder& b, const T5Config& c, const std::string& stack, std::int64_t layers, bool decoder) {
  for (std::int64_t i = 0; i < layers; ++i) {
    const auto p = stack + ".block." + std::to_string(i) + ".layer.";
    t5Attention(b, c, p + "0.SelfAttention", i == 0);
    b.scaleNorm(p + "0.layer_norm", c.d_model);
    if (decoder) {
      t5Attention(b, c, p + "1.EncDecAttention", false);
      b.scaleNorm(p + "1.layer_norm", c.d_model);
    }
    const auto ff = p + (decoder ? "2" : "1");
    if (c.is_gated_act) {
      b.linear(ff + ".DenseReluDense.wi_0", c.d_model, c.d_ff, false);
      b.linear(ff + ".DenseReluDense.wi_1", c.d_model, c.d_ff, false);
    } else {
      b.linear(ff + ".DenseReluDense.wi", c.d_model, c.d_ff, false);
    }
    b.linear(ff + ".DenseReluDense.wo", c.d_ff, c.d_model, false);
    b.scaleNorm(ff + ".layer_norm", c.d_model);
  }
  b.scaleNorm(stack + ".final_layer_norm", c.d_model);
}

CheckpointLayout t5Layout(const T5Config& c) {
  LayoutBuilder b;
  b.add("shared.weight", {c.vocab_size, c.d_model}, TensorRole::TokenEmbedding);
  b.tie("encoder.embed_tokens.weight", "shared.weight");
  t5Stack(b, c, "encoder", c.num_layers, false);
  b.tie("decoder.embed_tokens.weight", "shared.weight");
  t5Stack(b, c, "decoder", c.num_decoder_layers, true);
  b.lmHead(c.tie_word_embeddings, "shared.weight", c.vocab_size, c.d_model);
  return b.take();
}

CheckpointLayout llamaLayout(const LlamaConfig& c) {
  LayoutBuilder b;
  const auto d = c.hidden_size;
  const auto q_width = c.num_attention_heads * c.head_dim;
  const auto kv_width = c.num_key_value_heads * c.head_dim;
  b.add("model.embed_tokens.weight", {c.vocab_size, d}, TensorRole::TokenEmbedding);
  for (std::int64_t i = 0; i < c.num_hidden_layers; ++i) {
    const auto p = "model.layers." + std::to_string(i) + ".";
    b.linear(p + "self_attn.q_proj", d, q_width, c.attention_bias);
    b.linear(p + "self_attn.k_proj", d, kv_width, c.attention_bias);
    b.linear(p + "self_attn.v_proj", d, kv_width, c.attention_bias);
    b.linear(p + "self_attn.o_proj", q_width, d, c.attention_bias);
    b.linear(p + "mlp.gate_proj", d, c.intermediate_size, c.mlp_bias);
    b.linear(p + "mlp.up_proj", d, c.intermediate_size, c.mlp_bias);
    b.linear(p + "mlp.down_proj", c.intermediate_size, d, c.mlp_bias);
    b.scaleNorm(p + "input_layernorm", d);
    b.scaleNorm(p + "post_attention_layernorm", d);
  }
  b.scaleNorm("model.norm", d);
  b.lmHead(c.tie_word_embeddings, "model.embed_tokens.weight", c.vocab_size, d);
  return b.take();
}

}  // namespace

std::int64_t TensorSpec::numel() const {
  std::int64_t n = 1;
  for (const auto size : shape) n *= size;
  return n;
}

CheckpointLayout checkpointLayout(const ModelConfig& config) {
  if (const auto* gpt2 = std::get_if<Gpt2Config>(&config)) return gpt2Layout(*gpt2);
  if (const auto* t5 = std::get_if<T5Config>(&config)) return t5Layout(*t5);
  return llamaLayout(std::get<LlamaConfig>(config));
}

ParameterCount countParameters(const ModelConfig& config) {
  ParameterCount count;
  // Tied aliases are not in `tensors`, so each shared tensor counts once.
  for (const auto& tensor : checkpointLayout(config).tensors) {
    const auto n = tensor.numel();
    count.total += n;
    switch (tensor.role) {
      case TensorRole::TokenEmbedding:
        count.input_embedding += n;
        break;
      case TensorRole::PositionEmbedding:
        count.position_embedding += n;
        break;
      case TensorRole::OutputEmbedding:
        count.output_embedding += n;
        break;
      case TensorRole::Other:
        break;
    }
  }
  count.non_embedding = count.total - count.input_embedding - count.output_embedding;
  return count;
}

}  // namespace pwb::model
