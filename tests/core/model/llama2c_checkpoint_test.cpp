#include "model/llama2c_checkpoint.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"

namespace pwb::model {
namespace {

const std::filesystem::path kModelDir = std::filesystem::path(PWB_RESOURCE_DIR) / "models" / "stories260k";

TEST(Llama2cCheckpoint, ReadsTheStories260kHeader) {
  const auto checkpoint = loadLlama2cCheckpoint(kModelDir / "stories260K.bin");
  const auto& o = checkpoint.options;
  EXPECT_EQ(o.hidden_size, 64);
  EXPECT_EQ(o.intermediate_size, 172);
  EXPECT_EQ(o.num_hidden_layers, 5);
  EXPECT_EQ(o.num_attention_heads, 8);
  EXPECT_EQ(o.num_key_value_heads, 4);
  EXPECT_EQ(o.vocab_size, 512);
  EXPECT_TRUE(o.tie_word_embeddings);
  std::int64_t total = 0;
  for (const auto& p : checkpoint.model->parameters()) total += p.numel();
  EXPECT_EQ(total, 260032);  // llama2.c's count without the RoPE tables
}

TEST(Llama2cCheckpoint, CachedDecodingEqualsTheFullForwardPass) {
  auto checkpoint = loadLlama2cCheckpoint(kModelDir / "stories260K.bin");
  torch::NoGradGuard no_grad;
  const auto ids = torch::tensor(std::vector<std::int64_t>{1, 403, 261, 378, 300, 270}, torch::kLong).view({1, -1});
  const auto full = checkpoint.model->forward(ids);
  KvCache cache;
  checkpoint.model->forward(ids.slice(1, 0, 4), {}, &cache);
  const auto tail = checkpoint.model->forward(ids.slice(1, 4), {}, &cache);
  EXPECT_TRUE(torch::allclose(tail, full.slice(1, 4), 1e-4, 1e-5));
  EXPECT_EQ(cache.length(), 6);
}

TEST(Llama2cCheckpoint, RejectsATruncatedFile) {
  testing::TempDir dir;
  const auto source = kModelDir / "stories260K.bin";
  std::ifstream in(source, std::ios::binary);
  std::vector<char> bytes(4096);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::ofstream(dir / "cut.bin", std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  try {
    loadLlama2cCheckpoint(dir / "cut.bin");
    FAIL() << "a truncated checkpoint must not load";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("cut.bin"), std::string::npos) << message;
    EXPECT_NE(message.find("4096 bytes"), std::string::npos) << message;
  }
}

TEST(Llama2cCheckpoint, RejectsAnImpossibleHeader) {
  testing::TempDir dir;
  const std::int32_t header[7] = {64, 172, 5, 7, 4, 512, 512};  // 64 is not divisible by 7 heads
  std::ofstream(dir / "bad.bin", std::ios::binary).write(reinterpret_cast<const char*>(header), sizeof(header));
  EXPECT_THROW(loadLlama2cCheckpoint(dir / "bad.bin"), std::runtime_error);
}

}  // namespace
}  // namespace pwb::model
