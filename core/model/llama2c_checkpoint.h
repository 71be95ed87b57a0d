#pragma once
// llama2.c checkpoints (.bin, legacy version-0 layout: a header of 7 int32 — dim, hidden_dim,
// n_layers, n_heads, n_kv_heads, vocab_size (negative: unshared classifier), seq_len — then
// float32 weights in llama2.c's order), loaded into the Hugging Face-named Llama module.

#include <filesystem>

#include "model/llama.h"
#include "model/model_config.h"

namespace pwb::model {

struct Llama2cCheckpoint {
  LlamaConfig config;  // the Hugging Face config these weights would have
  LlamaOptions options;
  LlamaForCausalLM model{nullptr};
};

// Throws std::runtime_error naming the file when the header is impossible or the size does not
// match what the header implies.
Llama2cCheckpoint loadLlama2cCheckpoint(const std::filesystem::path& file);

}  // namespace pwb::model
