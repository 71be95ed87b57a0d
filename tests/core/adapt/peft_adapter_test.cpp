// Adapters in PEFT's layout: what PEFT saved loads here and gives PEFT's loss; what we save loads
// back to the same outputs; broken folders are refused with the file named.

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "../../support/fixture_adapter.h"
#include "adapt/lora.h"
#include "adapt/method_factory.h"
#include "adapt/peft_adapter.h"
#include "model/safetensors_torch.h"
#include "peft_fixture.h"
#include "store/atomic_file.h"

namespace pwb::adapt {
namespace {

using nlohmann::json;
using namespace testing;

class TempFolder {
 public:
  TempFolder() {
    char pattern[] = "/tmp/pwb-adapter-XXXXXX";
    path_ = ::mkdtemp(pattern);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

double lossWith(BaseModel& model, AdaptationMethod& method, const Batch& batch) {
  torch::NoGradGuard no_grad;
  return model.forward(batch, method.inject(batch.input_ids.size(0))).loss.item<double>();
}

TEST(PeftAdapter, EveryFixtureAdapterLoadsAndGivesPeftsLoss) {
  int loaded = 0;
  for (const auto* model_name : {"gpt2-tiny", "llama-tiny", "t5-tiny", "t5-tiny-gated"}) {
    const auto folder = kReference / model_name;
    const auto fixture = readJson(folder / "peft_cases.json");
    const auto batch = batchOf(fixture.at("batch"));
    for (const auto& peft_case : fixture.at("cases")) {
      if (!peft_case.contains("tensors_file")) continue;  // full fine-tuning has no adapter
      TempFolder adapter_folder;
      pwb::testing::writeFixtureAdapter(folder, peft_case.at("name"), adapter_folder.path());
      auto model = BaseModel::fromFolder(folder);
      auto method = loadAdapter(adapter_folder.path(), model);
      const double expected = peft_case.at("loss");
      EXPECT_NEAR(lossWith(model, *method, batch), expected, 1e-5 * expected) << model_name << " " << peft_case["name"];
      ++loaded;
    }
  }
  EXPECT_EQ(loaded, 40);
}

TEST(PeftAdapter, SavedAdapterLoadsBackToTheSameOutputs) {
  const auto folder = kReference / "llama-tiny";
  const auto batch = batchOf(readJson(folder / "peft_cases.json").at("batch"));
  const std::vector<std::pair<std::string, json>> methods = {
      {"prompt_tuning", {{"num_virtual_tokens", 4}}},
      {"prefix_tuning", {{"num_virtual_tokens", 3}, {"prefix_projection", true}, {"encoder_hidden_size", 16}}},
      {"p_tuning", {{"num_virtual_tokens", 5}, {"encoder_reparameterization_type", "LSTM"}, {"encoder_hidden_size", 8}}},
      {"lora", {{"r", 4}, {"lora_alpha", 8}, {"target_modules", {"q_proj", "o_proj", "up_proj"}}}},
      {"ia3", json::object()}};
  for (const auto& [name, options] : methods) {
    at::manual_seed(7);
    auto model = BaseModel::fromFolder(folder);
    auto method = makeMethod(name, options);
    method->attach(model);
    {
      // Move every trainable tensor away from its init, so that nothing passes by accident.
      torch::NoGradGuard no_grad;
      for (auto& [tensor_name, tensor] : method->trainableParameters()) tensor.add_(at::randn_like(tensor) * 0.3);
    }
    const double before = lossWith(model, *method, batch);
    TempFolder saved;
    saveAdapter(*method, saved.path());
    auto fresh = BaseModel::fromFolder(folder);
    auto loaded = loadAdapter(saved.path(), fresh);
    EXPECT_EQ(loaded->peftType(), method->peftType());
    EXPECT_EQ(loaded->adapterConfig(), method->adapterConfig()) << name;
    EXPECT_NEAR(lossWith(fresh, *loaded, batch), before, 1e-6 * before) << name;
    auto clean = BaseModel::fromFolder(folder);
    torch::NoGradGuard no_grad;
    const double base_loss = clean.forward(batch).loss.item<double>();
    EXPECT_GT(std::abs(before - base_loss), 1e-3) << name << " changes the model";
  }
}

TEST(PeftAdapter, BrokenFoldersAreRefusedWithTheFileNamed) {
  auto model = BaseModel::fromFolder(kReference / "gpt2-tiny");
  TempFolder empty;
  try {
    loadAdapter(empty.path(), model);
    FAIL() << "an empty folder loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("adapter_config.json"), std::string::npos) << e.what();
  }
  TempFolder wrong_shape;
  store::writeFileAtomically(wrong_shape.path() / "adapter_config.json",
                             R"({"peft_type": "LORA", "r": 8, "target_modules": ["c_attn"]})");
  model::saveSafetensors(wrong_shape.path() / "adapter_model.safetensors",
                         {{"base_model.model.transformer.h.0.attn.c_attn.lora_A.weight", at::zeros({4, 64})}});
  try {
    loadAdapter(wrong_shape.path(), model);
    FAIL() << "a mis-shaped adapter loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("lora_A.weight' has shape [4, 64], the adapter needs [8, 64]"),
              std::string::npos)
        << e.what();
  }
}

TEST(PeftAdapter, FileNamesDropTheAdapterNameComponentOnly) {
  EXPECT_EQ(withoutAdapterName("base_model.model.h.0.c_attn.lora_A.default.weight"),
            "base_model.model.h.0.c_attn.lora_A.weight");
  EXPECT_EQ(withoutAdapterName("base_model.model.h.0.k.ia3_l.default"), "base_model.model.h.0.k.ia3_l");
  EXPECT_EQ(withoutAdapterName("m.default_proj.lora_B.default.weight"), "m.default_proj.lora_B.weight");
  EXPECT_EQ(withoutAdapterName("prompt_embeddings"), "prompt_embeddings");
}

TEST(LoraMerge, MergedWeightsGiveTheSameLogitsAndUnmergeRestoresTheBase) {
  const auto folder = kReference / "gpt2-tiny";
  const auto fixture = readJson(folder / "peft_cases.json");
  const auto stored = readTensors(folder / "peft" / "lora_r8_randB.safetensors");
  auto model = BaseModel::fromFolder(folder);
  const auto base_weight = model.module().named_parameters()["transformer.h.0.attn.c_attn.weight"].clone();
  Lora lora(LoraConfig::fromJson({{"r", 8}, {"lora_alpha", 16}}, "test"));
  lora.attach(model);
  {
    torch::NoGradGuard no_grad;
    for (auto& [name, tensor] : lora.trainableParameters()) tensor.copy_(stored.at("param." + name));
  }
  const auto batch = batchOf(fixture.at("batch"));
  torch::NoGradGuard no_grad;
  const auto unmerged = model.forward(batch).logits;
  lora.merge();
  const auto weight = model.module().named_parameters()["transformer.h.0.attn.c_attn.weight"];  // shares storage
  EXPECT_GT(maxAbsDiff(weight, base_weight), 1e-3);
  EXPECT_LE(maxAbsDiff(model.forward(batch).logits, unmerged), 2e-4);
  lora.unmerge();
  EXPECT_LE(maxAbsDiff(weight, base_weight), 1e-6);
  EXPECT_LE(maxAbsDiff(model.forward(batch).logits, unmerged), 1e-4);  // W + ΔW − ΔW rounds
}

}  // namespace
}  // namespace pwb::adapt
