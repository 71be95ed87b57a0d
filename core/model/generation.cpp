#include "model/generation.h"

#include <memory>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/utils.h>

namespace pwb::model {

TokenSampler::TokenSampler(const SamplingOptions& options) : options_(options), rng_(options.seed) {
  if (options.temperature < 0.0) throw std::invalid_argument("temperature must be >= 0");
  if (options.top_p <= 0.0 || options.top_p > 1.0) throw std::invalid_argument("top_p must be in (0, 1]");
  if (options.top_k < 0) throw std::invalid_argument("top_k must be >= 0");
}

std::int64_t TokenSampler::next(const at::Tensor& logits) {
  if (options_.temperature == 0.0) return logits.argmax().item<std::int64_t>();
  // In double on the CPU, so a seed gives the same draw whatever the thread count.
  const auto probs = at::softmax(logits.to(at::kDouble).cpu() / options_.temperature, -1).contiguous();
  const auto* p = probs.data_ptr<double>();
  std::vector<std::int64_t> order(static_cast<std::size_t>(probs.numel()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [p](std::int64_t a, std::int64_t b) { return p[a] > p[b]; });
  std::size_t keep = order.size();
  if (options_.top_k > 0) keep = std::min<std::size_t>(keep, static_cast<std::size_t>(options_.top_k));
  if (options_.top_p < 1.0) {
    // The smallest head of the ranking whose mass reaches top_p.
    double mass = 0.0;
    for (std::size_t i = 0; i < keep; ++i) {
      mass += p[order[i]];
      if (mass >= options_.top_p) {
        keep = i + 1;
        break;
      }
    }
  }
  double total = 0.0;
  for (std::size_t i = 0; i < keep; ++i) total += p[order[i]];
  double draw = std::uniform_real_distribution<double>(0.0, total)(rng_);
  for (std::size_t i = 0; i < keep; ++i) {
    draw -= p[order[i]];
    if (draw <= 0.0) return order[i];
  }
  return order[keep - 1];
}

std::vector<std::int64_t> generateTokens(const DecoderStep& step, const std::vector<std::int64_t>& prompt,
                                         const SamplingOptions& options, const StopCondition& stop_when) {
  if (prompt.empty()) throw std::invalid_argument("generation needs at least one prompt token (e.g. BOS)");
  torch::NoGradGuard no_grad;
  TokenSampler sampler(options);
  std::vector<std::int64_t> generated;
  auto input = at::tensor(prompt, at::kLong).view({1, -1});
  for (std::int64_t i = 0; i < options.max_new_tokens; ++i) {
    const auto next = sampler.next(step(input));
    generated.push_back(next);
    if (std::find(options.stop_ids.begin(), options.stop_ids.end(), next) != options.stop_ids.end()) break;
    if (stop_when && stop_when(generated)) break;
    input = at::tensor({next}, at::kLong).view({1, 1});
  }
  return generated;
}

DecoderStep cachedCausalStep(CausalLanguageModel& model, KvCache& cache) {
  return [&model, &cache](const at::Tensor& new_ids) {
    return model.forward(new_ids, {}, &cache)[0][-1];  // (V)
  };
}

DecoderStep wholeSequenceCausalStep(CausalLanguageModel& model) {
  auto sequence = std::make_shared<at::Tensor>();
  return [&model, sequence](const at::Tensor& new_ids) {
    *sequence = sequence->defined() ? at::cat({*sequence, new_ids}, 1) : new_ids;
    return model.forward(*sequence, {}, nullptr)[0][-1];  // (V)
  };
}

DecoderStep cachedT5Step(T5ForConditionalGenerationImpl& model, const at::Tensor& encoder_output, T5Cache& cache) {
  return [&model, encoder_output, &cache](const at::Tensor& new_ids) {
    return model.decode(new_ids, encoder_output, {}, &cache)[0][-1];  // (V)
  };
}

std::vector<std::int64_t> generateSeq2Seq(T5ForConditionalGenerationImpl& model, const std::vector<std::int64_t>& input,
                                          const SamplingOptions& options, const StopCondition& stop_when,
                                          const PromptInjection& adapter_prompt) {
  if (input.empty()) throw std::invalid_argument("an encoder-decoder model needs a non-empty input");
  torch::NoGradGuard no_grad;
  const auto encoded =
      encodeAfterPrompt(model, at::tensor(input, at::kLong).view({1, -1}), {}, adapter_prompt).first;  // (1, S, C)
  auto cache = startingCache(adapter_prompt, encoded.size(1));
  return generateTokens(cachedT5Step(model, encoded, cache), {model.options().decoder_start_token_id}, options,
                        stop_when);
}

}  // namespace pwb::model
