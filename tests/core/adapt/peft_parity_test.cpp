// Every PEFT reference case on the four tiny models: the print_trainable_parameters() line, the
// trainable tensors, adapter_config.json and adapter tensors, initial weights, loss, gradients
// and the loss after one AdamW step, at the fixtures README's float32 tolerances.

#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>
#include <torch/optim/adamw.h>

#include "adapt/method_factory.h"
#include "adapt/prompt_tuning.h"
#include "peft_fixture.h"
#include "text/sentencepiece_tokenizer.h"

namespace pwb::adapt {
namespace {

using nlohmann::json;
using namespace testing;

struct ParityCase {
  std::string model;
  std::string name;
};

std::string methodNameOf(const std::string& case_name) {
  if (case_name.rfind("prompt_tuning", 0) == 0) return "prompt_tuning";
  if (case_name.rfind("prefix_tuning", 0) == 0) return "prefix_tuning";
  if (case_name.rfind("p_tuning", 0) == 0) return "p_tuning";
  if (case_name.rfind("lora", 0) == 0) return "lora";
  if (case_name.rfind("ia3", 0) == 0) return "ia3";
  return "full";
}

// The options a user would give: PEFT's config minus what PEFT fills in from the model, and minus
// the per-family default targets, so that our resolution is what the test checks.
json userOptions(json config) {
  for (const auto* key : {"token_dim", "num_transformer_submodules", "num_attention_heads", "num_layers",
                          "base_model_name_or_path", "task_type", "fan_in_fan_out", "feedforward_modules", "method"}) {
    config.erase(key);
  }
  if (config.value("peft_type", "") == "IA3") config.erase("target_modules");
  return config;
}

// PEFT's tokenizer(init_text)["input_ids"]: gpt2-tiny plain, llama-tiny with BOS, T5 with EOS.
std::vector<std::int64_t> initTextIds(const std::string& model, const std::string& text) {
  const auto tokenizer = text::SentencePieceTokenizer::load(kReference / "llama-tiny" / "tokenizer.model");
  auto ids = tokenizer->encode(text);
  if (model == "llama-tiny") ids.insert(ids.begin(), 3);
  if (model.rfind("t5", 0) == 0) ids.push_back(1);
  return ids;
}

// The fixture's perturbation, after get_peft_model: with its seed, every lora_B redrawn N(0, 0.1)
// or every IA3 vector moved by 0.1·N(0, 1), in named_parameters() order.
void perturbAsTheFixture(const json& peft_case, std::uint64_t seed, std::vector<NamedTensor>& trainable) {
  if (!peft_case.contains("perturbation")) return;
  torch::NoGradGuard no_grad;
  at::manual_seed(seed);
  for (auto& [name, tensor] : trainable) {
    if (name.find("lora_B") != std::string::npos) tensor.normal_(0.0, 0.1);
    if (name.find("ia3_l") != std::string::npos) tensor.add_(at::randn_like(tensor) * 0.1);
  }
}

class PeftParity : public ::testing::TestWithParam<ParityCase> {};

TEST_P(PeftParity, MatchesPeft) {
  const auto& param = GetParam();
  const auto folder = kReference / param.model;
  const auto fixture = readJson(folder / "peft_cases.json");
  json c;
  for (const auto& candidate : fixture.at("cases")) {
    if (candidate.at("name") == param.name) c = candidate;
  }
  ASSERT_FALSE(c.is_null());
  const auto method_name = methodNameOf(param.name);
  std::vector<std::int64_t> init_ids;
  if (c.contains("text_init")) {
    init_ids = initTextIds(param.model, c.at("config").at("prompt_tuning_init_text"));
    EXPECT_EQ(init_ids, c.at("text_init").at("tokenizer_ids").get<std::vector<std::int64_t>>());
  }

  auto model = BaseModel::fromFolder(folder);
  const auto options = userOptions(c.at("config"));
  auto method = makeMethod(method_name, options, init_ids);
  at::manual_seed(fixture.at("peft_seed").get<std::uint64_t>());  // as PEFT's run, just before get_peft_model
  method->attach(model);

  // The line, from the live model and from the config alone.
  EXPECT_EQ(formatTrainableParameters(countTrainable(*method, model)), c.at("print_trainable_parameters"));
  EXPECT_EQ(formatTrainableParameters(countMethod(model.config(), method_name, options)),
            c.at("print_trainable_parameters"));

  auto trainable = method->trainableParameters();
  ASSERT_EQ(trainable.size(), c.at("trainable_tensors").size());
  for (std::size_t i = 0; i < trainable.size(); ++i) {
    EXPECT_EQ(trainable[i].first, c.at("trainable_tensors")[i][0]);
    EXPECT_EQ(trainable[i].second.sizes().vec(), c.at("trainable_tensors")[i][1].get<std::vector<std::int64_t>>());
    EXPECT_TRUE(trainable[i].second.requires_grad()) << trainable[i].first;
  }

  // Every initial value is PEFT's: drawn from seed 42 in PEFT's order (LibTorch's generator and
  // nn init functions give PyTorch's numbers), copied from the vocabulary (TEXT), ones (IA3) or
  // zeros (LoRA's B); then the fixture's perturbation.
  perturbAsTheFixture(c, fixture.at("perturb_seed").get<std::uint64_t>(), trainable);
  double worst_init = 0.0;
  std::map<std::string, at::Tensor> stored;
  if (c.contains("tensors_file")) stored = readTensors(folder / c.at("tensors_file").get<std::string>());
  for (auto& [name, tensor] : trainable) {
    const auto found = stored.find("param." + name);
    if (found == stored.end()) continue;
    if (name.find("lora_A") != std::string::npos) {
      // kaiming_uniform(a = √5) on (r, in): uniform within ±1/√in.
      const double bound = 1.0 / std::sqrt(static_cast<double>(tensor.size(1)));
      EXPECT_LE(tensor.abs().max().item<double>(), bound) << name;
      EXPECT_GT(tensor.abs().max().item<double>(), 0.5 * bound) << name;
    }
    const double difference = maxAbsDiff(tensor, found->second);
    EXPECT_EQ(difference, 0.0) << "initial " << name;
    worst_init = std::max(worst_init, difference);
  }

  if (method_name != "full") {
    EXPECT_EQ(method->adapterConfig(), c.at("adapter_config_json"));
    const auto adapter = method->adapterTensors();
    ASSERT_EQ(adapter.size(), c.at("adapter_state_dict").size());
    for (const auto& entry : c.at("adapter_state_dict")) {
      const auto& tensor = adapter.at(entry[0].get<std::string>());
      EXPECT_EQ(tensor.sizes().vec(), entry[1].get<std::vector<std::int64_t>>());
      EXPECT_LE(maxAbsDiff(tensor, stored.at("adapter." + entry[0].get<std::string>())), 1e-5) << entry[0];
    }
  }

  const auto batch = batchOf(fixture.at("batch"));
  const auto B = batch.input_ids.size(0);
  auto loss = model.forward(batch, method->inject(B)).loss;
  const double expected_loss = c.at("loss");
  EXPECT_NEAR(loss.item<double>(), expected_loss, 1e-5 * std::abs(expected_loss));
  loss.backward();

  double worst_grad = 0.0;
  for (auto& [name, tensor] : trainable) {
    ASSERT_TRUE(tensor.grad().defined()) << name;
    const double expected = c.at("grad_l2_norms").at(name);
    const double norm = tensor.grad().to(at::kDouble).norm().item<double>();
    if (expected == 0.0) {
      EXPECT_EQ(norm, 0.0) << name;
    } else if (expected > 1e-6) {
      EXPECT_NEAR(norm, expected, 1e-4 * expected) << name;
    } else {
      EXPECT_NEAR(norm, expected, 1e-6) << name;
    }
    const auto found = stored.find("grad." + name);
    if (found == stored.end()) continue;
    if (name.find("lora_A") != std::string::npos) {
      // kaiming_uniform(a = √5) on (r, in): uniform within ±1/√in.
      const double bound = 1.0 / std::sqrt(static_cast<double>(tensor.size(1)));
      EXPECT_LE(tensor.abs().max().item<double>(), bound) << name;
      EXPECT_GT(tensor.abs().max().item<double>(), 0.5 * bound) << name;
    }
    const double difference = maxAbsDiff(tensor.grad(), found->second);
    EXPECT_LE(difference, 1e-4 * found->second.abs().max().item<double>() + 1e-6) << "gradient of " << name;
    worst_grad = std::max(worst_grad, difference);
  }

  std::vector<at::Tensor> parameters;
  for (auto& entry : trainable) parameters.push_back(entry.second);
  const auto& adamw = fixture.at("adamw");
  torch::optim::AdamW optimiser(
      parameters, torch::optim::AdamWOptions(adamw.at("lr").get<double>())
                      .betas({adamw.at("betas")[0].get<double>(), adamw.at("betas")[1].get<double>()})
                      .eps(adamw.at("eps").get<double>())
                      .weight_decay(adamw.at("weight_decay").get<double>()));
  optimiser.step();
  double after = 0.0;
  {
    torch::NoGradGuard no_grad;
    after = model.forward(batch, method->inject(B)).loss.item<double>();
  }
  const double expected_after = c.at("loss_after_one_adamw_step");
  EXPECT_NEAR(after, expected_after, 1e-4 * std::abs(expected_after));
  std::printf("[parity] %-14s %-25s |dloss| %.3g  max|dgrad| %.3g  |dloss after step| %.3g  init |d| %.3g\n",
              param.model.c_str(), param.name.c_str(), std::abs(loss.item<double>() - expected_loss), worst_grad,
              std::abs(after - expected_after), worst_init);
}

std::vector<ParityCase> allCases() {
  std::vector<ParityCase> cases;
  for (const auto* model : {"gpt2-tiny", "llama-tiny", "t5-tiny", "t5-tiny-gated"}) {
    for (const auto* name : {"prompt_tuning_random", "prompt_tuning_text", "prefix_tuning", "prefix_tuning_projection",
                             "p_tuning_mlp", "p_tuning_lstm", "lora_r8", "lora_r8_randB", "ia3", "ia3_perturbed",
                             "full_finetune"}) {
      cases.push_back({model, name});
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(AllCases, PeftParity, ::testing::ValuesIn(allCases()),
                         [](const ::testing::TestParamInfo<ParityCase>& info) {
                           auto name = info.param.model + "_" + info.param.name;
                           for (auto& ch : name) {
                             if (ch == '-') ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace pwb::adapt
