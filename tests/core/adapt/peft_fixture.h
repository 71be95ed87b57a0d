#pragma once
// Test support: the PEFT reference fixtures (../shared/fixtures/reference/<model>/peft_cases.json
// and peft/<case>.safetensors) as tensors, and the tolerances their README recommends.

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "adapt/base_model.h"
#include "model/safetensors_torch.h"

namespace pwb::adapt::testing {

inline const std::filesystem::path kReference = PWB_FIXTURES_DIR;

inline nlohmann::json readJson(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return nlohmann::json::parse(in);
}

inline std::map<std::string, at::Tensor> readTensors(const std::filesystem::path& path) {
  std::map<std::string, at::Tensor> tensors;
  const model::SafetensorsFile file(path);
  for (const auto& name : file.names()) tensors.emplace(name, model::readTensor(file, name, at::kFloat));
  return tensors;
}

inline at::Tensor longTensor(const nlohmann::json& rows) {
  std::vector<std::int64_t> flat;
  for (const auto& row : rows) {
    for (const auto& value : row) flat.push_back(value.get<std::int64_t>());
  }
  return at::tensor(flat, at::kLong).view({static_cast<std::int64_t>(rows.size()), -1});
}

inline Batch batchOf(const nlohmann::json& batch) {
  return {longTensor(batch.at("input_ids")), longTensor(batch.at("attention_mask")), longTensor(batch.at("labels"))};
}

inline double maxAbsDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

}  // namespace pwb::adapt::testing
