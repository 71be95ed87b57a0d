#include "model/sharded_checkpoint.h"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

namespace pwb::model {
namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A shard must sit inside the index's folder: a hostile index could name any file on the disk.
bool staysInside(const std::filesystem::path& relative) {
  if (relative.empty() || relative.is_absolute()) return false;
  for (const auto& part : relative) {
    if (part == "..") return false;
  }
  return true;
}

}  // namespace

ShardedCheckpoint::ShardedCheckpoint(const std::filesystem::path& path) : path_(path) {
  if (!endsWith(path.filename().string(), ".index.json")) {
    shards_.emplace_back(path);
    names_ = shards_.front().names();
    for (const auto& name : names_) shard_of_.emplace(name, 0);
    return;
  }

  const std::string index = path.string();
  auto fail = [&index](const std::string& why) { return CheckpointError(index + ": " + why); };
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail("cannot open the checkpoint index");
  nlohmann::ordered_json json;
  try {
    json = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::ordered_json::parse_error& error) {
    throw fail(std::string("the index is not valid JSON: ") + error.what());
  }
  if (!json.is_object() || !json.contains("weight_map") || !json.at("weight_map").is_object()) {
    throw fail("the index has no 'weight_map' object");
  }

  const auto folder = path.parent_path();
  std::map<std::string, std::size_t> shard_numbers;  // shard file name -> index into shards_
  for (const auto& [name, value] : json.at("weight_map").items()) {
    if (!value.is_string()) throw fail("tensor '" + name + "': the shard must be given as a file name (a string)");
    const auto shard = value.get<std::string>();
    if (!staysInside(shard)) throw fail("tensor '" + name + "': shard '" + shard + "' is outside the index's folder");
    auto number = shard_numbers.find(shard);
    if (number == shard_numbers.end()) {
      if (!std::filesystem::is_regular_file(folder / shard)) {
        throw fail("shard '" + shard + "' (holding tensor '" + name + "') does not exist");
      }
      shards_.emplace_back(folder / shard);
      number = shard_numbers.emplace(shard, shards_.size() - 1).first;
    }
    if (!shards_[number->second].contains(name)) {
      throw fail("tensor '" + name + "' is mapped to shard '" + shard + "', which does not hold it");
    }
    names_.push_back(name);
    shard_of_.emplace(name, number->second);
  }
  for (const auto& [shard, number] : shard_numbers) {
    for (const auto& name : shards_[number].names()) {
      const auto mapped = shard_of_.find(name);
      if (mapped == shard_of_.end() || mapped->second != number) {
        throw fail("shard '" + shard + "' holds tensor '" + name + "', which the weight_map does not map to it");
      }
    }
  }
}

const SafetensorsFile& ShardedCheckpoint::shardOf(const std::string& name) const {
  const auto found = shard_of_.find(name);
  if (found == shard_of_.end()) throw CheckpointError(path_.string() + ": no tensor named '" + name + "'");
  return shards_[found->second];
}

}  // namespace pwb::model
