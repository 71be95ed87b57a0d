#pragma once
// One logical checkpoint over safetensors shards, as Hugging Face stores large models: an index
// file (`model.safetensors.index.json`) whose `weight_map` maps each tensor name to the shard file
// holding it. A plain .safetensors file opens as a checkpoint of one shard.
//
// What opening checks, besides each shard's own validation: every shard named exists in the
// index's folder (a relative path that does not climb out of it); every mapped tensor is in its
// shard; and every tensor of a shard is mapped to that shard — a shard holding more than the map
// says means the index and the shards do not belong together. The index's "metadata" (HF's
// total_size) is not used.

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/safetensors.h"

namespace pwb::model {

class ShardedCheckpoint {
 public:
  // `path` is an index (a name ending in ".index.json") or a single .safetensors file. Throws
  // CheckpointError naming the index or shard and what is wrong.
  explicit ShardedCheckpoint(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  // The index's weight_map order (Hugging Face writes it sorted), or a single file's header order.
  const std::vector<std::string>& names() const { return names_; }
  bool contains(const std::string& name) const { return shard_of_.count(name) != 0; }
  // Both throw CheckpointError naming the checkpoint if there is no such tensor.
  const SafetensorsFile& shardOf(const std::string& name) const;
  TensorBytes tensor(const std::string& name) const { return shardOf(name).tensor(name); }

 private:
  std::filesystem::path path_;
  std::vector<SafetensorsFile> shards_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> shard_of_;  // name -> index into shards_
};

}  // namespace pwb::model
