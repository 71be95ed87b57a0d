#include "model/llama2c_checkpoint.h"

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/llama2c_header.h"
#include "model/model_options.h"

namespace pwb::model {
namespace {

// Reads consecutive float32 blocks of the file in llama2.c's order.
class FloatReader {
 public:
  FloatReader(std::vector<float> data, std::string file) : data_(std::move(data)), file_(std::move(file)) {}

  torch::Tensor take(std::vector<std::int64_t> shape, const char* what) {
    std::int64_t count = 1;
    for (const auto n : shape) count *= n;
    if (offset_ + static_cast<std::size_t>(count) > data_.size()) {
      throw std::runtime_error(file_ + ": the file ends inside '" + what + "'");
    }
    auto tensor = torch::from_blob(data_.data() + offset_, shape, torch::kFloat).clone();
    offset_ += static_cast<std::size_t>(count);
    return tensor;
  }
  std::size_t remaining() const { return data_.size() - offset_; }

 private:
  std::vector<float> data_;
  std::string file_;
  std::size_t offset_ = 0;
};

// llama2.c rotates interleaved pairs (0,1), (2,3), ... of each head; Hugging Face rotates the two
// halves. Reordering each head's output rows turns one layout into the other.
torch::Tensor interleavedToHalves(const torch::Tensor& w, std::int64_t heads) {
  const auto out = w.size(0), in = w.size(1);
  return w.view({heads, out / heads / 2, 2, in}).transpose(1, 2).reshape({out, in});
}

}  // namespace

Llama2cCheckpoint loadLlama2cCheckpoint(const std::filesystem::path& file) {
  const std::string name = file.string();
  const auto header = readLlama2cHeader(file);
  std::ifstream in(file, std::ios::binary);
  in.seekg(7 * sizeof(std::int32_t));
  std::vector<float> data(static_cast<std::size_t>(header.float_count));
  if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size() * sizeof(float)))) {
    throw std::runtime_error(name + ": cannot read the weights after the header");
  }
  FloatReader read(std::move(data), name);

  Llama2cCheckpoint result;
  result.config = header.config;
  const auto& c = result.config;
  const std::int64_t C = c.hidden_size, L = c.num_hidden_layers, vocab = c.vocab_size, hidden = c.intermediate_size;
  const std::int64_t heads = c.num_attention_heads, kv_heads = c.num_key_value_heads, head_dim = c.head_dim;
  const std::int64_t kv_dim = head_dim * kv_heads, seq_len = c.max_position_embeddings;
  result.options = llamaOptions(c, name);
  result.model = LlamaForCausalLM(result.options);
  auto params = result.model->named_parameters();
  torch::NoGradGuard no_grad;
  const auto set = [&](const std::string& key, const torch::Tensor& value) { params[key].copy_(value); };
  const auto layer = [](std::int64_t i, const char* rest) { return "model.layers." + std::to_string(i) + "." + rest; };

  set("model.embed_tokens.weight", read.take({vocab, C}, "token_embedding_table"));
  const auto per_layer = [&](const char* what, std::vector<std::int64_t> shape, const char* hf_name,
                             std::int64_t permute_heads = 0) {
    shape.insert(shape.begin(), L);
    const auto all = read.take(shape, what);
    for (std::int64_t i = 0; i < L; ++i) set(layer(i, hf_name), permute_heads > 0 ? interleavedToHalves(all[i], permute_heads) : all[i]);
  };
  per_layer("rms_att_weight", {C}, "input_layernorm.weight");
  per_layer("wq", {C, C}, "self_attn.q_proj.weight", heads);
  per_layer("wk", {kv_dim, C}, "self_attn.k_proj.weight", kv_heads);
  per_layer("wv", {kv_dim, C}, "self_attn.v_proj.weight");
  per_layer("wo", {C, C}, "self_attn.o_proj.weight");
  per_layer("rms_ffn_weight", {C}, "post_attention_layernorm.weight");
  per_layer("w1", {hidden, C}, "mlp.gate_proj.weight");
  per_layer("w2", {C, hidden}, "mlp.down_proj.weight");
  per_layer("w3", {hidden, C}, "mlp.up_proj.weight");
  set("model.norm.weight", read.take({C}, "rms_final_weight"));
  read.take({seq_len, head_dim}, "freq_cis (legacy RoPE tables)");
  if (!header.shared_classifier) set("lm_head.weight", read.take({vocab, C}, "wcls"));
  result.model->eval();
  return result;
}

}  // namespace pwb::model
