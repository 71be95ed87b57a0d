#pragma once
// A PEFT reference case's adapter written as PEFT's save_pretrained writes it: the case's
// adapter_config_json as adapter_config.json, and its `adapter.*` tensors (from
// peft/<case>.safetensors) under their own names in adapter_model.safetensors.

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model/safetensors_torch.h"
#include "store/atomic_file.h"

namespace pwb::testing {

// model_folder: a fixture folder such as .../reference/t5-tiny; throws naming a missing case.
inline void writeFixtureAdapter(const std::filesystem::path& model_folder, const std::string& case_name,
                                const std::filesystem::path& out) {
  std::ifstream in(model_folder / "peft_cases.json");
  if (!in) throw std::runtime_error("cannot open " + (model_folder / "peft_cases.json").string());
  const auto fixture = nlohmann::json::parse(in);
  for (const auto& peft_case : fixture.at("cases")) {
    if (peft_case.at("name") != case_name) continue;
    if (!peft_case.contains("tensors_file")) throw std::runtime_error(case_name + " has no adapter tensors");
    const model::SafetensorsFile file(model_folder / peft_case.at("tensors_file").get<std::string>());
    std::map<std::string, at::Tensor> adapter;
    for (const auto& name : file.names()) {
      if (name.rfind("adapter.", 0) == 0) adapter.emplace(name.substr(8), model::readTensor(file, name));
    }
    std::filesystem::create_directories(out);
    model::saveSafetensors(out / "adapter_model.safetensors", adapter, {{"format", "pt"}});
    store::writeFileAtomically(out / "adapter_config.json", peft_case.at("adapter_config_json").dump());
    return;
  }
  throw std::runtime_error((model_folder / "peft_cases.json").string() + ": no case named " + case_name);
}

}  // namespace pwb::testing
