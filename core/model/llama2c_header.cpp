#include "model/llama2c_header.h"

#include <array>
#include <fstream>
#include <stdexcept>
#include <string>

namespace pwb::model {

Llama2cHeader readLlama2cHeader(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(name + ": cannot open the llama2.c checkpoint");
  std::array<std::int32_t, 7> h{};
  if (!in.read(reinterpret_cast<char*>(h.data()), sizeof(h))) {
    throw std::runtime_error(name + ": shorter than llama2.c's 28-byte header");
  }
  const auto [dim, hidden, layers, heads, kv_heads, signed_vocab, seq_len] = h;
  const std::int32_t vocab = signed_vocab < 0 ? -signed_vocab : signed_vocab;
  if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kv_heads <= 0 || vocab == 0 || seq_len <= 0 ||
      dim % heads != 0 || heads % kv_heads != 0 || (dim / heads) % 2 != 0) {
    throw std::runtime_error(name + ": not a llama2.c checkpoint (impossible header: dim " + std::to_string(dim) +
                             ", hidden_dim " + std::to_string(hidden) + ", n_layers " + std::to_string(layers) +
                             ", n_heads " + std::to_string(heads) + ", n_kv_heads " + std::to_string(kv_heads) +
                             ", vocab_size " + std::to_string(signed_vocab) + ", seq_len " + std::to_string(seq_len) + ")");
  }
  const std::int64_t head_dim = dim / heads, kv_dim = head_dim * kv_heads;
  const std::int64_t L = layers, C = dim;
  // Everything but the optional classifier, including the legacy RoPE tables (unused).
  const std::int64_t expected = vocab * C + L * (2 * C + C * C * 2 + 2 * kv_dim * C + 3 * hidden * C) + C +
                                seq_len * head_dim + (signed_vocab < 0 ? vocab * C : 0);
  const auto bytes = std::filesystem::file_size(file);
  if (bytes != sizeof(h) + static_cast<std::uintmax_t>(expected) * sizeof(float)) {
    throw std::runtime_error(name + ": " + std::to_string(bytes) + " bytes, but its header implies " +
                             std::to_string(sizeof(h) + expected * sizeof(float)) + " (truncated or not llama2.c)");
  }
  Llama2cHeader header;
  header.float_count = expected;
  header.shared_classifier = signed_vocab > 0;
  auto& c = header.config;
  c.vocab_size = vocab;
  c.hidden_size = dim;
  c.intermediate_size = hidden;
  c.num_hidden_layers = layers;
  c.num_attention_heads = heads;
  c.num_key_value_heads = kv_heads;
  c.head_dim = head_dim;
  c.max_position_embeddings = seq_len;
  c.rms_norm_eps = 1e-5;  // llama2.c's
  c.tie_word_embeddings = header.shared_classifier;
  return header;
}

}  // namespace pwb::model
