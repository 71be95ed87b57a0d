#pragma once
// Adapters in PEFT's layout: a folder with adapter_config.json and adapter_model.safetensors,
// tensors named as PEFT's save_pretrained names them — so an adapter moves between this program
// and Python in both directions.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "adapt/adaptation_method.h"

namespace pwb::adapt {

// Writes both files (each atomically). Creates the folder if needed.
void saveAdapter(AdaptationMethod& method, const std::filesystem::path& folder);

struct AdapterFiles {
  nlohmann::json config;                      // adapter_config.json
  std::map<std::string, at::Tensor> tensors;  // adapter_model.safetensors, as float32
};

// Throws std::runtime_error naming the missing or malformed file.
AdapterFiles readAdapter(const std::filesystem::path& folder);

// Makes the method adapter_config.json names, attaches it to `model` and loads the tensors. The
// model must outlive the method. Prompt-learning adapters load as PEFT's inference mode does: the
// saved prompt table, without its encoder.
std::unique_ptr<AdaptationMethod> loadAdapter(const std::filesystem::path& folder, BaseModel& model);

}  // namespace pwb::adapt
