#include "train/optimizer.h"

#include <gtest/gtest.h>

#include <ATen/ATen.h>

namespace pwb::train {
namespace {

at::Tensor parameter(std::initializer_list<double> values) {
  return at::tensor(std::vector<double>(values), at::kDouble).requires_grad_(true);
}

void setGrad(const at::Tensor& p, std::initializer_list<double> values) {
  p.mutable_grad() = at::tensor(std::vector<double>(values), at::kDouble);
}

TEST(WeightDecayByName, ExcludesBiasesAndNormWeights) {
  for (const char* name : {"transformer.h.0.attn.c_attn.bias", "transformer.h.0.ln_1.weight", "transformer.ln_f.weight",
                           "model.layers.3.input_layernorm.weight", "model.norm.weight",
                           "encoder.final_layer_norm.weight", "encoder.block.0.layer.0.layer_norm.weight", "bias",
                           "classifier.out_bias"}) {
    EXPECT_FALSE(takesWeightDecay(name)) << name;
  }
  for (const char* name : {"transformer.h.0.attn.c_attn.weight", "transformer.wte.weight", "lm_head.weight",
                           "model.layers.0.self_attn.q_proj.lora_A.default.weight", "prompt_embeddings.weight",
                           "biased.weight"}) {
    EXPECT_TRUE(takesWeightDecay(name)) << name;
  }
}

// PyTorch's AdamW worked by hand (lr 0.1, λ 0.1, β 0.9/0.999, ε 1e-8), gradients 0.2 then −0.1:
// step 1: p = 1·(1 − 0.01) = 0.99; m = 0.02; v = 4e-5; m̂ = 0.2, √v̂ = 0.2
//         p = 0.99 − 0.1·0.2/(0.2 + 1e-8) = 0.890000005
// step 2: p = 0.890000005·0.99 = 0.88110000495; m = 0.02 + 0.1(−0.1 − 0.02) = 0.008;
//         v = 0.999·4e-5 + 0.001·0.01 = 4.996e-5; m̂ = 0.008/0.19, √v̂ = √(4.996e-5/0.001999)
//         p = 0.88110000495 − 0.1·0.0421052632/(0.1580901522 + 1e-8) = 0.8544663026686757
TEST(AdamW, MatchesPyTorchsDecoupledUpdateWorkedByHand) {
  const auto weight = parameter({1.0});
  NamedParameters parameters{{"layer.weight", weight}};
  OptimizerOptions options;
  options.weight_decay = 0.1;
  const auto adamw = makeOptimizer(parameters, options);
  setGrad(weight, {0.2});
  adamw->step(0.1);
  EXPECT_NEAR(weight.item<double>(), 0.890000005, 1e-15);
  setGrad(weight, {-0.1});
  adamw->step(0.1);
  EXPECT_NEAR(weight.item<double>(), 0.8544663026686757, 1e-15);
}

TEST(AdamW, DecaysOnlyWeightsThatTakeDecay) {
  // With a zero gradient the Adam part is 0/(0 + ε) = 0: only the decay moves a parameter.
  NamedParameters parameters{{"h.0.mlp.c_fc.weight", parameter({2.0})},
                             {"h.0.mlp.c_fc.bias", parameter({2.0})},
                             {"h.0.ln_2.weight", parameter({2.0})}};
  OptimizerOptions options;
  options.weight_decay = 0.5;
  const auto adamw = makeOptimizer(parameters, options);
  for (auto& p : parameters) setGrad(p.tensor, {0.0});
  adamw->step(0.1);
  EXPECT_DOUBLE_EQ(parameters[0].tensor.item<double>(), 2.0 * (1.0 - 0.1 * 0.5));
  EXPECT_DOUBLE_EQ(parameters[1].tensor.item<double>(), 2.0);
  EXPECT_DOUBLE_EQ(parameters[2].tensor.item<double>(), 2.0);
}

TEST(AdamW, SkipsParametersWithoutAGradient) {
  NamedParameters parameters{{"a", parameter({1.0})}, {"b", parameter({1.0})}};
  const auto adamw = makeOptimizer(parameters, {});
  setGrad(parameters[0].tensor, {1.0});
  adamw->step(0.1);
  EXPECT_DOUBLE_EQ(parameters[1].tensor.item<double>(), 1.0);
  const auto state = adamw->state();
  EXPECT_EQ(state.count("step.a"), 1u);
  EXPECT_EQ(state.count("step.b"), 0u);
}

TEST(AdamW, StateRoundTripContinuesIdentically) {
  const auto run = [](bool reload) {
    NamedParameters parameters{{"w", parameter({1.0, -2.0})}};
    auto adamw = makeOptimizer(parameters, {});
    setGrad(parameters[0].tensor, {0.3, 0.1});
    adamw->step(0.01);
    if (reload) {
      const auto saved = adamw->state();
      std::map<std::string, at::Tensor> copied;
      for (const auto& [key, tensor] : saved) copied.emplace(key, tensor.clone());
      adamw = makeOptimizer(parameters, {});
      adamw->loadState(copied);
    }
    setGrad(parameters[0].tensor, {-0.2, 0.4});
    adamw->step(0.01);
    return parameters[0].tensor.clone();
  };
  EXPECT_TRUE(at::equal(run(false), run(true)));
}

TEST(AdamW, LoadStateNamesAMissingTensor) {
  NamedParameters parameters{{"w", parameter({1.0})}};
  const auto adamw = makeOptimizer(parameters, {});
  try {
    adamw->loadState({{"step.w", at::scalar_tensor(3, at::kLong)}});
    FAIL() << "a state without exp_avg loaded";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("exp_avg.w"), std::string::npos) << error.what();
  }
}

// torch.optim.SGD(momentum=0.9, weight_decay=0.1), lr 0.1, worked by hand:
// weight: d1 = 0.5 + 0.1·1 = 0.6, b = 0.6, p = 1 − 0.06 = 0.94;
//         d2 = 0.25 + 0.094 = 0.344, b = 0.54 + 0.344 = 0.884, p = 0.94 − 0.0884 = 0.8516
// bias (no decay): b = 0.5, p = 0.95; b = 0.45 + 0.25 = 0.7, p = 0.95 − 0.07 = 0.88
TEST(Sgd, MomentumAndCoupledWeightDecayWorkedByHand) {
  NamedParameters parameters{{"fc.weight", parameter({1.0})}, {"fc.bias", parameter({1.0})}};
  OptimizerOptions options;
  options.kind = OptimizerKind::Sgd;
  options.momentum = 0.9;
  options.weight_decay = 0.1;
  const auto sgd = makeOptimizer(parameters, options);
  for (const double g : {0.5, 0.25}) {
    for (auto& p : parameters) setGrad(p.tensor, {g});
    sgd->step(0.1);
  }
  EXPECT_NEAR(parameters[0].tensor.item<double>(), 0.8516, 1e-15);
  EXPECT_NEAR(parameters[1].tensor.item<double>(), 0.88, 1e-15);
  EXPECT_EQ(sgd->state().count("momentum_buffer.fc.weight"), 1u);
}

TEST(OptimizerKindNames, RoundTripAndRejectUnknown) {
  EXPECT_EQ(optimizerKindFromName(toString(OptimizerKind::AdamW)), OptimizerKind::AdamW);
  EXPECT_EQ(optimizerKindFromName(toString(OptimizerKind::Sgd)), OptimizerKind::Sgd);
  EXPECT_THROW(optimizerKindFromName("adam"), std::invalid_argument);
}

}  // namespace
}  // namespace pwb::train
