#include "adapt/memory_estimate.h"

#include <variant>

namespace pwb::adapt {
namespace {

constexpr std::int64_t kFloatBytes = 4;

// Floats autograd keeps per layer for one sequence position: the block's input and its two
// norms' outputs, q, k, v and the attention output (the width each), the feed-forward's input to
// the activation and its output (d_ff each), plus the attention probabilities per key.
std::int64_t layerFloats(std::int64_t batch, std::int64_t queries, std::int64_t keys, std::int64_t width,
                         std::int64_t attention_width, std::int64_t ff, std::int64_t heads, std::int64_t ff_streams) {
  return batch * queries * (3 * width + 4 * attention_width + ff_streams * ff) + batch * heads * queries * keys;
}

}  // namespace

MemoryEstimate estimateTrainingMemory(const model::ModelConfig& config, const TrainableCount& count,
                                      std::int64_t batch_size, std::int64_t sequence_length,
                                      std::int64_t extra_positions) {
  MemoryEstimate m;
  m.weights = count.all * kFloatBytes;
  m.gradients = count.trainable * kFloatBytes;
  m.optimiser = 2 * count.trainable * kFloatBytes;
  const auto B = batch_size, S = sequence_length + extra_positions;
  std::int64_t floats = 0;
  std::int64_t vocab = 0;
  if (const auto* g = std::get_if<model::Gpt2Config>(&config)) {
    floats = g->n_layer * layerFloats(B, S, S, g->n_embd, g->n_embd, g->n_inner, g->n_head, 2);
    vocab = g->vocab_size;
  } else if (const auto* t = std::get_if<model::T5Config>(&config)) {
    const auto streams = t->is_gated_act ? 3 : 2;
    floats = t->num_layers * layerFloats(B, S, S, t->d_model, t->innerDim(), t->d_ff, t->num_heads, streams);
    // Decoder layers: self-attention plus cross-attention over the encoder's S positions.
    floats += t->num_decoder_layers * (layerFloats(B, S, S, t->d_model, t->innerDim(), t->d_ff, t->num_heads, streams) +
                                       layerFloats(B, S, S, t->d_model, t->innerDim(), 0, t->num_heads, 0));
    vocab = t->vocab_size;
  } else {
    const auto& l = std::get<model::LlamaConfig>(config);
    const auto attention_width = l.num_attention_heads * l.head_dim;
    floats = l.num_hidden_layers *
             layerFloats(B, S, S, l.hidden_size, attention_width, l.intermediate_size, l.num_attention_heads, 3);
    vocab = l.vocab_size;
  }
  // Logits and their softmax for the loss.
  floats += 2 * B * S * vocab;
  m.activations = floats * kFloatBytes;
  return m;
}

}  // namespace pwb::adapt
