#include "model/gpt2.h"

#include <gtest/gtest.h>

namespace pwb::model {
namespace {

Gpt2Options tinyOptions() {
  Gpt2Options o;
  o.vocab_size = 50;
  o.n_positions = 16;
  o.n_embd = 32;
  o.n_layer = 2;
  o.n_head = 4;
  return o;
}

TEST(Gpt2, UsesHuggingFaceParameterNamesAndShapes) {
  Gpt2LMHeadModel model(tinyOptions());
  const auto params = model->named_parameters();
  EXPECT_EQ(params["transformer.wte.weight"].sizes(), (std::vector<std::int64_t>{50, 32}));
  EXPECT_EQ(params["transformer.wpe.weight"].sizes(), (std::vector<std::int64_t>{16, 32}));
  EXPECT_EQ(params["transformer.h.1.attn.c_attn.weight"].sizes(), (std::vector<std::int64_t>{32, 96}));  // Conv1D [in, out]
  EXPECT_EQ(params["transformer.h.0.mlp.c_fc.weight"].sizes(), (std::vector<std::int64_t>{32, 128}));
  EXPECT_EQ(params["transformer.h.0.mlp.c_proj.bias"].sizes(), (std::vector<std::int64_t>{32}));
  EXPECT_TRUE(params.contains("transformer.ln_f.weight"));
  EXPECT_FALSE(params.contains("lm_head.weight"));  // tied to wte
  // Per layer: 2 LayerNorms (4·C) + c_attn (C·3C + 3C) + c_proj (C·C + C) + MLP (C·4C + 4C + 4C·C + C).
  const std::int64_t C = 32, per_layer = 4 * C + (3 * C * C + 3 * C) + (C * C + C) + (8 * C * C + 5 * C);
  std::int64_t total = 0;
  for (const auto& p : model->parameters()) total += p.numel();
  EXPECT_EQ(total, 50 * C + 16 * C + 2 * per_layer + 2 * C);
}

TEST(Gpt2, IsCausal) {
  torch::manual_seed(0);
  Gpt2LMHeadModel model(tinyOptions());
  model->eval();
  torch::NoGradGuard no_grad;
  auto ids = torch::randint(0, 50, {1, 10}, torch::kLong);
  auto changed = ids.clone();
  changed[0][7] = (ids[0][7].item<std::int64_t>() + 1) % 50;
  const auto a = model->forward(ids), b = model->forward(changed);
  EXPECT_TRUE(torch::allclose(a.slice(1, 0, 7), b.slice(1, 0, 7)));
  EXPECT_FALSE(torch::allclose(a.slice(1, 7), b.slice(1, 7)));
}

TEST(Gpt2, RightPaddingDoesNotChangeRealPositions) {
  torch::manual_seed(1);
  Gpt2LMHeadModel model(tinyOptions());
  model->eval();
  torch::NoGradGuard no_grad;
  const auto ids = torch::randint(0, 50, {1, 6}, torch::kLong);
  const auto padded = torch::cat({ids, torch::zeros({1, 3}, torch::kLong)}, 1);
  const auto mask = torch::cat({torch::ones({1, 6}, torch::kLong), torch::zeros({1, 3}, torch::kLong)}, 1);
  const auto alone = model->forward(ids);
  const auto batch = model->forward(padded, mask);
  EXPECT_TRUE(torch::allclose(alone, batch.slice(1, 0, 6), 1e-5, 1e-6));
}

TEST(Gpt2, LeftPaddingDoesNotChangeRealPositions) {
  torch::manual_seed(3);
  Gpt2LMHeadModel model(tinyOptions());
  model->eval();
  torch::NoGradGuard no_grad;
  const auto ids = torch::randint(0, 50, {1, 6}, torch::kLong);
  const auto padded = torch::cat({torch::zeros({1, 2}, torch::kLong), ids}, 1);
  const auto mask = torch::cat({torch::zeros({1, 2}, torch::kLong), torch::ones({1, 6}, torch::kLong)}, 1);
  EXPECT_TRUE(torch::allclose(model->forward(ids), model->forward(padded, mask).slice(1, 2), 1e-5, 1e-6));
}

TEST(Gpt2, CachedDecodingEqualsTheFullForwardPass) {
  torch::manual_seed(4);
  Gpt2LMHeadModel model(tinyOptions());
  model->eval();
  torch::NoGradGuard no_grad;
  const auto ids = torch::randint(0, 50, {2, 9}, torch::kLong);
  const auto full = model->forward(ids);
  KvCache cache;
  const auto head = model->forward(ids.slice(1, 0, 5), {}, &cache);
  std::vector<torch::Tensor> steps{head};
  for (int t = 5; t < 9; ++t) steps.push_back(model->forward(ids.slice(1, t, t + 1), {}, &cache));
  EXPECT_TRUE(torch::allclose(torch::cat(steps, 1), full, 1e-5, 1e-6));
  EXPECT_EQ(cache.length(), 9);
}

TEST(Gpt2, LossIsTheMeanNextTokenCrossEntropy) {
  torch::manual_seed(2);
  Gpt2LMHeadModel model(tinyOptions());
  torch::NoGradGuard no_grad;
  const auto ids = torch::randint(0, 50, {2, 5}, torch::kLong);
  const auto logits = model->forward(ids);
  // By hand: -log softmax(logits[b, t])[ids[b, t+1]], averaged over the 2·4 predictions.
  const auto log_probs = torch::log_softmax(logits, -1);
  double sum = 0.0;
  for (int b = 0; b < 2; ++b) {
    for (int t = 0; t < 4; ++t) sum -= log_probs[b][t][ids[b][t + 1].item<std::int64_t>()].item<double>();
  }
  EXPECT_NEAR(model->languageModelLoss(ids).item<double>(), sum / 8.0, 1e-5);
  // An untrained model with small weights predicts near-uniformly: loss close to log(V).
  EXPECT_NEAR(sum / 8.0, std::log(50.0), 0.5);
}

TEST(Gpt2, RejectsAWidthThatHeadsDoNotDivide) {
  auto options = tinyOptions();
  options.n_head = 5;
  EXPECT_THROW(Gpt2LMHeadModel{options}, c10::Error);
}

}  // namespace
}  // namespace pwb::model
