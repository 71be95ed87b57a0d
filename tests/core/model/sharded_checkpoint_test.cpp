#include "model/sharded_checkpoint.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../../support/temp_dir.h"

namespace pwb::model {
namespace {

const std::filesystem::path kFixtures = PWB_FIXTURES_DIR;

// One byte per tensor, its value the tensor name's first letter: enough to see which shard answered.
void writeShard(const std::filesystem::path& path, const std::vector<std::string>& names) {
  std::map<std::string, TensorBytes> tensors;
  for (const auto& name : names) tensors[name] = {Dtype::U8, {1}, reinterpret_cast<const std::byte*>(name.data()), 1};
  writeSafetensors(path, tensors);
}

void writeText(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

class ShardedCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeShard(dir_ / "model-00001-of-00002.safetensors", {"alpha", "beta"});
    writeShard(dir_ / "model-00002-of-00002.safetensors", {"gamma"});
  }

  std::filesystem::path index() const { return dir_ / "model.safetensors.index.json"; }

  // The error opening an index with this weight_map gives, after the index path and ": ".
  std::string errorFor(const std::string& index_json) const {
    writeText(index(), index_json);
    try {
      ShardedCheckpoint checkpoint(index());
    } catch (const CheckpointError& error) {
      const std::string message = error.what();
      const auto prefix = index().string() + ": ";
      if (message.rfind(prefix, 0) != 0) return "(message does not start with the index path) " + message;
      return message.substr(prefix.size());
    }
    return "(opened without error)";
  }

  pwb::testing::TempDir dir_;
};

TEST_F(ShardedCheckpointTest, OpensShardsAsOneCheckpoint) {
  writeText(index(), R"({"metadata": {"total_size": 3}, "weight_map": {
      "gamma": "model-00002-of-00002.safetensors",
      "alpha": "model-00001-of-00002.safetensors",
      "beta": "model-00001-of-00002.safetensors"}})");
  ShardedCheckpoint checkpoint(index());
  EXPECT_EQ(checkpoint.path(), index());
  EXPECT_EQ(checkpoint.names(), (std::vector<std::string>{"gamma", "alpha", "beta"}));
  EXPECT_TRUE(checkpoint.contains("beta"));
  EXPECT_FALSE(checkpoint.contains("delta"));
  EXPECT_EQ(checkpoint.shardOf("alpha").path(), dir_ / "model-00001-of-00002.safetensors");
  EXPECT_EQ(checkpoint.shardOf("gamma").path(), dir_ / "model-00002-of-00002.safetensors");
  const auto gamma = checkpoint.tensor("gamma");
  EXPECT_EQ(gamma.dtype, Dtype::U8);
  EXPECT_EQ(gamma.shape, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(static_cast<char>(gamma.data[0]), 'g');
  EXPECT_EQ(static_cast<char>(checkpoint.tensor("beta").data[0]), 'b');
  try {
    checkpoint.tensor("delta");
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), index().string() + ": no tensor named 'delta'");
  }
}

TEST_F(ShardedCheckpointTest, ASingleFileIsACheckpointOfOneShard) {
  const auto path = kFixtures / "gpt2-tiny" / "model.safetensors";
  ShardedCheckpoint checkpoint(path);
  SafetensorsFile file(path);
  EXPECT_EQ(checkpoint.names(), file.names());
  EXPECT_EQ(checkpoint.names().size(), 28u);
  EXPECT_EQ(checkpoint.tensor("transformer.wte.weight").shape, (std::vector<std::int64_t>{1000, 64}));
}

TEST_F(ShardedCheckpointTest, MissingShard) {
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": "model-00001-of-00002.safetensors",
                                        "omega": "model-00003-of-00003.safetensors"}})"),
            "shard 'model-00003-of-00003.safetensors' (holding tensor 'omega') does not exist");
}

TEST_F(ShardedCheckpointTest, MappedTensorMissingFromItsShard) {
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": "model-00001-of-00002.safetensors",
                                        "beta": "model-00001-of-00002.safetensors",
                                        "gamma": "model-00001-of-00002.safetensors"}})"),
            "tensor 'gamma' is mapped to shard 'model-00001-of-00002.safetensors', which does not hold it");
}

TEST_F(ShardedCheckpointTest, ShardHoldsATensorTheMapDoesNotGiveIt) {
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": "model-00001-of-00002.safetensors",
                                        "gamma": "model-00002-of-00002.safetensors"}})"),
            "shard 'model-00001-of-00002.safetensors' holds tensor 'beta', which the weight_map does not map to it");
}

TEST_F(ShardedCheckpointTest, MalformedIndex) {
  EXPECT_EQ(errorFor(R"({"weight_map": )").rfind("the index is not valid JSON: ", 0), 0u);
  EXPECT_EQ(errorFor(R"([])"), "the index has no 'weight_map' object");
  EXPECT_EQ(errorFor(R"({"metadata": {}})"), "the index has no 'weight_map' object");
  EXPECT_EQ(errorFor(R"({"weight_map": ["alpha"]})"), "the index has no 'weight_map' object");
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": 1}})"),
            "tensor 'alpha': the shard must be given as a file name (a string)");
}

TEST_F(ShardedCheckpointTest, ShardsMustStayInTheIndexFolder) {
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": "../model-00001-of-00002.safetensors"}})"),
            "tensor 'alpha': shard '../model-00001-of-00002.safetensors' is outside the index's folder");
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": "/etc/passwd"}})"),
            "tensor 'alpha': shard '/etc/passwd' is outside the index's folder");
  EXPECT_EQ(errorFor(R"({"weight_map": {"alpha": ""}})"), "tensor 'alpha': shard '' is outside the index's folder");
}

TEST_F(ShardedCheckpointTest, MissingIndexAndBrokenShardNameTheirFiles) {
  try {
    ShardedCheckpoint checkpoint(index());
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), index().string() + ": cannot open the checkpoint index");
  }
  writeText(dir_ / "model-00002-of-00002.safetensors", "short");
  try {
    ShardedCheckpoint checkpoint(dir_ / "model-00002-of-00002.safetensors");
    FAIL() << "no error";
  } catch (const CheckpointError& error) {
    EXPECT_EQ(std::string(error.what()), (dir_ / "model-00002-of-00002.safetensors").string() +
                                             ": the file is 5 bytes long; a safetensors file starts with an 8-byte "
                                             "header length");
  }
}

}  // namespace
}  // namespace pwb::model
