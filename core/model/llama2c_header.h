#pragma once
// The 28-byte header of a llama2.c checkpoint (.bin, legacy version-0 layout: 7 int32 — dim,
// hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size (negative: unshared classifier),
// seq_len), read and checked against the file's size without reading any weight. Torch-free, so
// that a method's parameter count can be shown before the model is loaded.

#include <cstdint>
#include <filesystem>

#include "model/model_config.h"

namespace pwb::model {

struct Llama2cHeader {
  LlamaConfig config;               // the Hugging Face config these weights would have
  std::int64_t float_count = 0;     // floats after the header (weights and legacy RoPE tables)
  bool shared_classifier = true;    // vocab_size > 0: the output layer is the embedding
};

// Throws std::runtime_error naming the file when the header is impossible or the size does not
// match what the header implies.
Llama2cHeader readLlama2cHeader(const std::filesystem::path& file);

}  // namespace pwb::model
