#pragma once
// The checkpoint layout (Hugging Face tensor names and shapes) and the parameter counts of a
// model, from its configuration alone: no weights are allocated, so a 70B config takes well under a millisecond.
// The layout is that of GPT2LMHeadModel, T5ForConditionalGeneration and LlamaForCausalLM.

#include <cstdint>
#include <string>
#include <vector>

#include "model/model_config.h"

namespace pwb::model {

enum class TensorRole {
  Other,
  TokenEmbedding,     // transformer.wte / shared / model.embed_tokens
  PositionEmbedding,  // GPT-2's transformer.wpe
  OutputEmbedding,    // an untied lm_head
};

struct TensorSpec {
  std::string name;                 // as in the state dict, e.g. "transformer.h.0.attn.c_attn.weight"
  std::vector<std::int64_t> shape;  // as stored: Linear [out, in]; GPT-2's Conv1D [in, out]
  TensorRole role = TensorRole::Other;

  std::int64_t numel() const;
};

// A state-dict name that is another tensor (save_pretrained leaves it out of the file).
struct TiedAlias {
  std::string name;    // e.g. "lm_head.weight"
  std::string target;  // e.g. "transformer.wte.weight"
};

struct CheckpointLayout {
  std::vector<TensorSpec> tensors;  // exactly what model.safetensors holds, in module order
  std::vector<TiedAlias> tied;      // the rest of state_dict(): encoder/decoder embed_tokens, a tied lm_head
};

CheckpointLayout checkpointLayout(const ModelConfig& config);

struct ParameterCount {
  std::int64_t total = 0;               // every parameter, a tied tensor once (Hugging Face's num_parameters())
  std::int64_t input_embedding = 0;     // the token embedding
  std::int64_t output_embedding = 0;    // an untied lm_head; 0 when tied
  std::int64_t position_embedding = 0;  // learned positions (GPT-2); 0 for T5 and Llama
  // total − input_embedding − output_embedding, the split the reference counts use: position
  // embeddings and T5's relative-attention biases count as non-embedding.
  std::int64_t non_embedding = 0;
};

ParameterCount countParameters(const ModelConfig& config);

}  // namespace pwb::model
