#include "train/checkpoint.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <mutex>
#include <sstream>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include "model/safetensors_torch.h"
#include "store/atomic_file.h"

namespace pwb::train {
namespace {

constexpr const char* kJsonName = "checkpoint.json";
constexpr const char* kFormat = "pwb-trainer-checkpoint";
constexpr int kVersion = 1;
const std::string kParameterPrefix = "parameter.";
const std::string kOptimizerPrefix = "optimizer.";
const std::string kRngName = "rng.torch";

std::string tensorFileName(std::int64_t step) {
  std::ostringstream name;
  name << "checkpoint-" << std::setw(8) << std::setfill('0') << step << ".safetensors";
  return name.str();
}

bool startsWith(const std::string& text, const std::string& head) { return text.rfind(head, 0) == 0; }

// Other checkpoint tensor files than the one in use (left by earlier saves).
void removeStaleTensorFiles(const std::filesystem::path& folder, const std::string& keep) {
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
    const auto name = entry.path().filename().string();
    if (name != keep && startsWith(name, "checkpoint-") && entry.path().extension() == ".safetensors") {
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

}  // namespace

std::filesystem::path writeCheckpoint(const std::filesystem::path& folder, const TrainerCheckpoint& checkpoint) {
  std::filesystem::create_directories(folder);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& [name, tensor] : checkpoint.parameters) tensors.emplace(kParameterPrefix + name, tensor);
  for (const auto& [key, tensor] : checkpoint.optimizer) tensors.emplace(kOptimizerPrefix + key, tensor);
  tensors.emplace(kRngName, checkpoint.torch_rng);
  const auto tensor_file = tensorFileName(checkpoint.step);
  model::saveSafetensors(folder / tensor_file, tensors, {{"format", kFormat}});

  nlohmann::json json{{"format", kFormat},
                      {"version", kVersion},
                      {"tensors", tensor_file},
                      {"step", checkpoint.step},
                      {"training_examples", checkpoint.training_examples},
                      {"epoch", checkpoint.data.epoch},
                      {"epoch_offset", checkpoint.data.offset},
                      {"data_rng", checkpoint.data.rng_at_epoch_start},
                      {"tokens_seen", checkpoint.tokens_seen},
                      {"elapsed_seconds", checkpoint.elapsed_seconds},
                      {"best_metric", nullptr},
                      {"evaluations_without_improvement", checkpoint.evaluations_without_improvement}};
  if (checkpoint.best_metric) json["best_metric"] = *checkpoint.best_metric;
  const auto json_file = folder / kJsonName;
  store::writeFileAtomically(json_file, json.dump(2) + "\n");
  removeStaleTensorFiles(folder, tensor_file);
  return json_file;
}

TrainerCheckpoint readCheckpoint(const std::filesystem::path& folder) {
  const auto json_file = folder / kJsonName;
  std::ifstream in(json_file);
  if (!in) throw std::runtime_error(json_file.string() + ": cannot open the checkpoint");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::runtime_error(json_file.string() + ": not valid JSON: " + error.what());
  }
  const auto field = [&](const char* key) -> const nlohmann::json& {
    if (!json.is_object() || !json.contains(key)) {
      throw std::runtime_error(json_file.string() + ": key '" + key + "' is missing");
    }
    return json.at(key);
  };
  const auto get = [&](const char* key, auto example) {
    try {
      return field(key).get<decltype(example)>();
    } catch (const nlohmann::json::exception&) {
      throw std::runtime_error(json_file.string() + ": key '" + key + "' has the wrong type");
    }
  };
  if (get("format", std::string()) != kFormat || get("version", 0) != kVersion) {
    throw std::runtime_error(json_file.string() + ": not a version " + std::to_string(kVersion) + " " + kFormat);
  }
  TrainerCheckpoint checkpoint;
  checkpoint.step = get("step", std::int64_t{});
  checkpoint.training_examples = get("training_examples", std::size_t{});
  checkpoint.data.epoch = get("epoch", std::int64_t{});
  checkpoint.data.offset = get("epoch_offset", std::size_t{});
  checkpoint.data.rng_at_epoch_start = get("data_rng", std::string());
  checkpoint.tokens_seen = get("tokens_seen", std::int64_t{});
  checkpoint.elapsed_seconds = get("elapsed_seconds", 0.0);
  if (!field("best_metric").is_null()) checkpoint.best_metric = get("best_metric", 0.0);
  checkpoint.evaluations_without_improvement = get("evaluations_without_improvement", 0);

  const model::SafetensorsFile tensors(folder / get("tensors", std::string()));
  for (const auto& name : tensors.names()) {
    auto tensor = model::readTensor(tensors, name);
    if (startsWith(name, kParameterPrefix)) {
      checkpoint.parameters.emplace(name.substr(kParameterPrefix.size()), tensor);
    } else if (startsWith(name, kOptimizerPrefix)) {
      checkpoint.optimizer.emplace(name.substr(kOptimizerPrefix.size()), tensor);
    } else if (name == kRngName) {
      checkpoint.torch_rng = tensor;
    }
  }
  if (!checkpoint.torch_rng.defined()) {
    throw std::runtime_error(tensors.path().string() + ": tensor '" + kRngName + "' is missing");
  }
  return checkpoint;
}

at::Tensor torchGeneratorState() {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void restoreTorchGeneratorState(const at::Tensor& state) {
  auto generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state);
}

}  // namespace pwb::train
