// Hugging Face folders through loadModel: what a folder may and may not hold, special tokens,
// sharded checkpoints, T5 through the family-independent interface, and resident memory.

#include "model/hf_folder_loader.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "model/llama.h"
#include "reference_fixture.h"

namespace pwb::model {
namespace {

using namespace reference;
namespace fs = std::filesystem;

// A writable copy of a fixture folder (every file but the reference outputs).
void copyFixture(const std::string& name, const fs::path& to) {
  for (const auto& entry : fs::directory_iterator(kFixtures / name)) {
    const auto file = entry.path().filename().string();
    if (entry.is_regular_file() && file.find("cases") == std::string::npos && file != "expected.safetensors") {
      fs::copy_file(entry.path(), to / file);
    }
  }
}

std::map<std::string, at::Tensor> readAll(const fs::path& file) {
  const ShardedCheckpoint checkpoint(file);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& name : checkpoint.names()) tensors.emplace(name, readTensor(checkpoint, name));
  return tensors;
}

std::string loadError(const fs::path& folder) {
  try {
    loadModel(folder.string());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  ADD_FAILURE() << folder << " loaded";
  return {};
}

TEST(HfFolderLoader, LoadsEachFamilyWithItsSpecialTokens) {
  const auto llama = loadModel((kFixtures / "llama-tiny").string());
  EXPECT_EQ(llama.family, "llama");
  EXPECT_EQ(llama.format, "huggingface");
  EXPECT_TRUE(llama.add_bos);  // tokenizer_config.json's add_bos_token
  EXPECT_FALSE(llama.add_eos);
  EXPECT_EQ(llama.special_tokens.bos, 3);
  EXPECT_EQ(llama.special_tokens.eos, 1);
  EXPECT_EQ(llama.special_tokens.pad, 0);
  EXPECT_EQ(llama.context_length, 128);

  const auto t5 = loadModel((kFixtures / "t5-tiny").string());
  EXPECT_EQ(t5.family, "t5");
  EXPECT_TRUE(t5.isEncoderDecoder());
  EXPECT_FALSE(t5.add_bos);
  EXPECT_TRUE(t5.add_eos);
  EXPECT_EQ(t5.special_tokens.eos, 1);
  EXPECT_EQ(t5.special_tokens.pad, 0);
  EXPECT_EQ(t5.seq2seq->options().decoder_start_token_id, 0);
}

TEST(HfFolderLoader, GenerationConfigOverridesConfigJson) {
  pwb::testing::TempDir folder;
  copyFixture("t5-tiny", folder.path());
  std::ofstream(folder / "generation_config.json") << R"({"decoder_start_token_id": 3, "eos_token_id": [2, 1]})";
  const auto t5 = loadModel(folder.path().string());
  EXPECT_EQ(t5.seq2seq->options().decoder_start_token_id, 3);
  EXPECT_EQ(t5.special_tokens.eos, 2);

  std::ofstream(folder / "generation_config.json") << R"({"pad_token_id": 1000})";
  EXPECT_NE(loadError(folder.path()).find("padding token id 1000 is not below the model's vocab_size 1000"),
            std::string::npos);
}

TEST(HfFolderLoader, PyTorchWeightsAloneAskForSafetensors) {
  pwb::testing::TempDir folder;
  copyFixture("llama-tiny", folder.path());
  fs::remove(folder / "model.safetensors");
  std::ofstream(folder / "pytorch_model.bin") << "not read";
  const auto message = loadError(folder.path());
  EXPECT_NE(message.find("pytorch_model.bin but no model.safetensors; only safetensors weights can be loaded"),
            std::string::npos)
      << message;
}

TEST(HfFolderLoader, NamesAMissingExtraOrMisShapedTensor) {
  pwb::testing::TempDir folder;
  copyFixture("llama-tiny", folder.path());
  auto tensors = readAll(folder / "model.safetensors");
  tensors.erase("model.layers.1.mlp.up_proj.weight");
  tensors.emplace("model.layers.2.mlp.up_proj.weight", at::zeros({128, 64}));
  tensors["model.norm.weight"] = at::ones({65});
  saveSafetensors(folder / "model.safetensors", tensors);
  const auto message = loadError(folder.path());
  EXPECT_NE(message.find("missing tensor 'model.layers.1.mlp.up_proj.weight' [128, 64]"), std::string::npos) << message;
  EXPECT_NE(message.find("unexpected tensor 'model.layers.2.mlp.up_proj.weight'"), std::string::npos) << message;
  EXPECT_NE(message.find("tensor 'model.norm.weight' has shape [65], the model needs [64]"), std::string::npos)
      << message;
}

TEST(HfFolderLoader, ToleratesATiedAliasTheFileKeepsButChecksItsShape) {
  pwb::testing::TempDir folder;
  copyFixture("t5-tiny", folder.path());
  auto tensors = readAll(folder / "model.safetensors");
  tensors.emplace("encoder.embed_tokens.weight", tensors.at("shared.weight").clone());
  tensors.emplace("lm_head.weight", tensors.at("shared.weight").clone());
  saveSafetensors(folder / "model.safetensors", tensors);
  const auto loaded = loadModel(folder.path().string());
  EXPECT_TRUE(loaded.seq2seq->shared->weight.equal(tensors.at("shared.weight")));

  tensors["lm_head.weight"] = at::zeros({999, 64});
  saveSafetensors(folder / "model.safetensors", tensors);
  EXPECT_NE(loadError(folder.path()).find("tied tensor 'lm_head.weight' has shape [999, 64] but 'shared.weight', "
                                          "which it shares, has [1000, 64]"),
            std::string::npos);
}

TEST(HfFolderLoader, ConvertsHalfPrecisionAndReadsShardedCheckpoints) {
  pwb::testing::TempDir folder;
  copyFixture("llama-tiny", folder.path());
  const auto tensors = readAll(folder / "model.safetensors");
  // Two BF16 shards and their index, as save_pretrained writes a large bf16 model.
  std::map<std::string, at::Tensor> shards[2];
  nlohmann::json weight_map = nlohmann::json::object();
  int i = 0;
  for (const auto& [name, tensor] : tensors) {
    const auto shard = i++ % 2;
    shards[shard].emplace(name, tensor.to(at::kBFloat16));
    weight_map[name] = "model-0000" + std::to_string(shard + 1) + "-of-00002.safetensors";
  }
  fs::remove(folder / "model.safetensors");
  saveSafetensors(folder / "model-00001-of-00002.safetensors", shards[0]);
  saveSafetensors(folder / "model-00002-of-00002.safetensors", shards[1]);
  std::ofstream(folder / "model.safetensors.index.json") << nlohmann::json{{"weight_map", weight_map}}.dump();

  const auto loaded = loadModel(folder.path().string());
  for (const auto& p : loaded.module().named_parameters()) {
    EXPECT_EQ(p.value().scalar_type(), at::kFloat) << p.key();
    EXPECT_TRUE(p.value().equal(tensors.at(p.key()).to(at::kBFloat16).to(at::kFloat))) << p.key();
  }
}

TEST(HfFolderLoader, RejectsATokenizerLargerThanTheVocabulary) {
  pwb::testing::TempDir folder;
  copyFixture("llama-tiny", folder.path());
  auto config = readJson(folder / "config.json");
  config["vocab_size"] = 900;
  std::ofstream(folder / "config.json") << config.dump();
  const auto message = loadError(folder.path());
  EXPECT_NE(message.find("has 1000 tokens but the model's vocab_size is 900"), std::string::npos) << message;
}

TEST(HfFolderLoader, NamesAFolderWithoutConfigOrWeights) {
  pwb::testing::TempDir folder;
  EXPECT_NE(loadError(folder.path()).find("no config.json"), std::string::npos);
  fs::copy_file(kFixtures / "llama-tiny" / "config.json", folder / "config.json");
  EXPECT_NE(loadError(folder.path()).find("no model.safetensors or model.safetensors.index.json"), std::string::npos);
}

// T5 through LoadedModel::generate: the cached greedy decode equals re-running the whole decoder
// for every step and taking the argmax.
TEST(HfFolderLoader, T5GenerationEqualsUncachedGreedyDecoding) {
  const auto loaded = loadModel((kFixtures / "t5-tiny-gated").string());
  const auto input = loaded.encodePrompt("Permission is granted to copy this document.");
  SamplingOptions greedy;
  greedy.max_new_tokens = 8;
  const auto generated = loaded.generate(input, greedy);
  ASSERT_FALSE(generated.empty());

  torch::NoGradGuard no_grad;
  auto& t5 = *loaded.seq2seq.ptr();
  const auto encoded = t5.encode(at::tensor(input, at::kLong).view({1, -1}));
  std::vector<std::int64_t> decoder{0};
  std::vector<std::int64_t> expected;
  while (expected.size() < generated.size()) {
    const auto logits = t5.decode(at::tensor(decoder, at::kLong).view({1, -1}), encoded);
    expected.push_back(logits[0][-1].argmax().item<std::int64_t>());
    decoder.push_back(expected.back());
  }
  EXPECT_EQ(generated, expected);
}

std::int64_t residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

// VmHWM after clear_refs "5" reset it: the peak resident memory since then. -1 if unavailable.
std::int64_t peakResidentBytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  }
  return -1;
}

bool resetPeakResident() { return static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5"); }

// A ~50 MB float32 Llama checkpoint: loading it adds at most 1.2× its size to resident memory,
// at the end and at the peak (no mapped copy, converted copy and module copy at once).
TEST(HfFolderLoader, LoadingAddsAtMostOnePointTwoTimesTheWeightsToResidentMemory) {
  pwb::testing::TempDir folder;
  fs::copy_file(kFixtures / "llama-tiny" / "tokenizer.model", folder / "tokenizer.model");
  std::ofstream(folder / "config.json") << R"({"model_type": "llama", "vocab_size": 4096, "hidden_size": 512,
    "intermediate_size": 1024, "num_hidden_layers": 3, "num_attention_heads": 8, "num_key_value_heads": 8,
    "max_position_embeddings": 256, "bos_token_id": 3, "eos_token_id": 1})";
  std::int64_t weight_bytes = 0;
  {
    LlamaOptions options;
    options.vocab_size = 4096;
    options.hidden_size = 512;
    options.intermediate_size = 1024;
    options.num_hidden_layers = 3;
    options.num_attention_heads = 8;
    options.num_key_value_heads = 8;
    options.max_position_embeddings = 256;
    LlamaForCausalLM model(options);
    std::map<std::string, at::Tensor> state;
    for (const auto& p : model->named_parameters()) {
      state.emplace(p.key(), p.value());
      weight_bytes += static_cast<std::int64_t>(p.value().nbytes());
    }
    saveSafetensors(folder / "model.safetensors", state);
  }
  ASSERT_GT(weight_bytes, 45'000'000);
  ::malloc_trim(0);  // what the writer freed must not be counted as room for the load
  const bool have_peak = resetPeakResident();
  const auto before = residentBytes();
  const auto loaded = loadModel(folder.path().string());
  const auto after = residentBytes();
  const auto peak = have_peak ? peakResidentBytes() : after;
  const double held = static_cast<double>(after - before) / static_cast<double>(weight_bytes);
  const double at_peak = static_cast<double>(peak - before) / static_cast<double>(weight_bytes);
  std::printf("[memory] %.1f MB of float32 weights: resident +%.3fx after the load, +%.3fx at its peak%s\n",
              static_cast<double>(weight_bytes) / 1e6, held, at_peak, have_peak ? "" : " (peak not measurable)");
  EXPECT_LE(held, 1.2);
  EXPECT_LE(at_peak, 1.2);
  EXPECT_GE(held, 0.9);  // the weights themselves are resident: the measure sees them
}

}  // namespace
}  // namespace pwb::model
