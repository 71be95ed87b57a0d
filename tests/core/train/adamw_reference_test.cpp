// Full fine-tuning of the reference gpt2-tiny against PyTorch (../shared/fixtures/reference,
// peft_cases.json, case full_finetune): the loss on the padded batch, every gradient norm and
// the loss after one torch.optim.AdamW step, at the fixture README's tolerances.

#include <gtest/gtest.h>

#include <fstream>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "model/gpt2.h"
#include "model/safetensors_torch.h"
#include "model/state_dict.h"
#include "train/causal_lm_batch.h"
#include "train/gradients.h"
#include "train/optimizer.h"

namespace pwb::train {
namespace {

const std::filesystem::path kModel = std::filesystem::path(PWB_FIXTURES_DIR) / "gpt2-tiny";

at::Tensor batchTensor(const nlohmann::json& rows) {
  std::vector<std::int64_t> flat;
  for (const auto& row : rows) {
    for (const auto& value : row) flat.push_back(value.get<std::int64_t>());
  }
  return at::tensor(flat, at::kLong).view({static_cast<std::int64_t>(rows.size()), -1});
}

void expectRelative(double actual, double expected, double tolerance, const std::string& what) {
  EXPECT_LE(std::abs(actual - expected), tolerance * std::abs(expected))
      << what << ": " << actual << " vs PyTorch " << expected;
}

TEST(AdamWReference, FullFineTuningStepOfGpt2TinyMatchesPyTorch) {
  std::ifstream in(kModel / "peft_cases.json");
  ASSERT_TRUE(in) << "missing fixture " << (kModel / "peft_cases.json");
  const auto fixture = nlohmann::json::parse(in);
  nlohmann::json expected;
  for (const auto& c : fixture.at("cases")) {
    if (c.at("name") == "full_finetune") expected = c;
  }
  ASSERT_FALSE(expected.is_null());

  model::Gpt2Options shape;  // the fixture's config.json
  shape.vocab_size = 1000;
  shape.n_positions = 128;
  shape.n_embd = 64;
  shape.n_layer = 2;
  shape.n_head = 4;
  auto gpt2 = model::Gpt2LMHeadModel(shape);
  const model::SafetensorsFile file(kModel / "model.safetensors");
  model::loadStateDict(*gpt2, {file.path().string(), file.names(),
                               [&](const std::string& name) { return file.tensor(name).shape; },
                               [&](const std::string& name, at::Tensor& into) {
                                 into.copy_(model::readTensor(file, name, at::kFloat));
                               }});
  gpt2->eval();
  const auto model = model::wrapCausal(gpt2);

  const auto& b = fixture.at("batch");
  const CausalLmBatch batch{batchTensor(b.at("input_ids")), batchTensor(b.at("attention_mask")),
                            batchTensor(b.at("labels"))};
  const auto parameters = trainableParametersOf(model->module());
  ASSERT_EQ(parameters.size(), expected.at("grad_l2_norms").size());

  const auto loss = causalLmLossSum(*model, batch);
  const auto mean = loss.sum / static_cast<double>(loss.count);
  expectRelative(mean.item<double>(), expected.at("loss").get<double>(), 1e-5, "loss");
  mean.backward();
  for (const auto& p : parameters) {
    const double reference = expected.at("grad_l2_norms").at(p.name).get<double>();
    const double norm = p.tensor.grad().norm().item<double>();
    if (reference > 1e-6) {
      expectRelative(norm, reference, 1e-4, "gradient norm of " + p.name);
    } else {
      EXPECT_NEAR(norm, reference, 1e-6) << p.name;
    }
  }
  expectRelative(clipGradientNorm(parameters, 0.0), expected.at("grad_global_l2_norm").get<double>(), 1e-4,
                 "global gradient norm");

  const auto& adamw = fixture.at("adamw");
  OptimizerOptions options;
  options.beta1 = adamw.at("betas").at(0).get<double>();
  options.beta2 = adamw.at("betas").at(1).get<double>();
  options.epsilon = adamw.at("eps").get<double>();
  options.weight_decay = adamw.at("weight_decay").get<double>();
  makeOptimizer(parameters, options)->step(adamw.at("lr").get<double>());
  at::NoGradGuard no_grad;
  const auto after = causalLmLossSum(*model, batch);
  expectRelative(after.sum.item<double>() / static_cast<double>(after.count),
                 expected.at("loss_after_one_adamw_step").get<double>(), 1e-4, "loss after one AdamW step");
}

}  // namespace
}  // namespace pwb::train
