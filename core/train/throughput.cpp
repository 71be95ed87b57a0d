#include "train/throughput.h"

#include <chrono>

#include <torch/optim/adamw.h>

#include "model/gpt2.h"

namespace pwb::train {

ThroughputResult measureTrainingThroughput(const ThroughputShape& shape, int steps) {
  model::Gpt2Options options;
  options.vocab_size = shape.vocab;
  options.n_positions = shape.context;
  options.n_embd = shape.width;
  options.n_layer = shape.layers;
  options.n_head = shape.heads;
  torch::manual_seed(0);
  model::Gpt2LMHeadModel model(options);
  model->train();
  torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
  const auto batch = torch::randint(0, shape.vocab, {shape.batch, shape.context}, torch::kLong);
  const auto step = [&] {
    optimizer.zero_grad();
    model->languageModelLoss(batch).backward();
    optimizer.step();
  };
  step();  // warm-up: allocations, thread pools
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < steps; ++i) step();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ThroughputResult result;
  for (const auto& p : model->parameters()) result.parameters += p.numel();
  result.seconds_per_step = seconds / steps;
  result.tokens_per_second = static_cast<double>(shape.batch * shape.context) * steps / seconds;
  result.model_gflop_per_second = 6.0 * static_cast<double>(result.parameters) * result.tokens_per_second / 1e9;
  return result;
}

}  // namespace pwb::train
