#include "model/model_source.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"
#include "model/llama2c_checkpoint.h"
#include "model/llama2c_header.h"

namespace pwb::model {
namespace {

TEST(ModelSource, ABuiltinNameGivesTheConfigOfItsLoadedWeights) {
  const auto from_header = std::get<LlamaConfig>(modelConfigOf("stories260k"));
  const auto loaded = loadLlama2cCheckpoint(resolveModelPath("stories260k")).config;
  EXPECT_EQ(from_header.hidden_size, 64);
  EXPECT_EQ(from_header.intermediate_size, loaded.intermediate_size);
  EXPECT_EQ(from_header.num_hidden_layers, loaded.num_hidden_layers);
  EXPECT_EQ(from_header.num_attention_heads, loaded.num_attention_heads);
  EXPECT_EQ(from_header.num_key_value_heads, 4);
  EXPECT_EQ(from_header.head_dim, 8);
  EXPECT_EQ(from_header.vocab_size, loaded.vocab_size);
  EXPECT_EQ(from_header.max_position_embeddings, 512);
  EXPECT_TRUE(from_header.tie_word_embeddings);
}

TEST(ModelSource, AHeaderThatDoesNotMatchTheFileSizeNamesTheFile) {
  testing::TempDir dir;
  std::ifstream in(resolveModelPath("stories260k"), std::ios::binary);
  std::vector<char> bytes(1000);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  const auto cut = dir / "cut.bin";
  std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  try {
    modelConfigOf(cut.string());
    FAIL() << "a truncated checkpoint has no trustworthy config";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cut.bin: 1000 bytes, but its header implies"), std::string::npos) << e.what();
  }
}

TEST(ModelSource, AFolderWithoutConfigSaysSo) {
  testing::TempDir dir;
  try {
    modelConfigOf(dir.path().string());
    FAIL() << "an empty folder is not a model";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("config.json: no such file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace pwb::model
