#include "adapt/peft_adapter.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "adapt/method_factory.h"
#include "adapt/prompt_tuning.h"
#include "model/safetensors_torch.h"
#include "store/atomic_file.h"

namespace pwb::adapt {

void saveAdapter(AdaptationMethod& method, const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  model::saveSafetensors(folder / "adapter_model.safetensors", method.adapterTensors(), {{"format", "pt"}});
  store::writeFileAtomically(folder / "adapter_config.json", method.adapterConfig().dump(2) + "\n");
}

AdapterFiles readAdapter(const std::filesystem::path& folder) {
  AdapterFiles files;
  const auto config_path = folder / "adapter_config.json";
  std::ifstream in(config_path);
  if (!in) throw std::runtime_error(config_path.string() + ": cannot open (is " + folder.string() + " a PEFT adapter folder?)");
  try {
    files.config = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(config_path.string() + ": not valid JSON: " + e.what());
  }
  if (!files.config.is_object() || !files.config.contains("peft_type")) {
    throw std::runtime_error(config_path.string() + ": no 'peft_type'");
  }
  const model::SafetensorsFile file(folder / "adapter_model.safetensors");
  for (const auto& name : file.names()) files.tensors.emplace(name, model::readTensor(file, name, at::kFloat));
  return files;
}

std::unique_ptr<AdaptationMethod> loadAdapter(const std::filesystem::path& folder, BaseModel& model) {
  const auto files = readAdapter(folder);
  const auto config_path = (folder / "adapter_config.json").string();
  if (!files.config.at("peft_type").is_string()) throw std::runtime_error(config_path + ": 'peft_type' must be a string");
  std::unique_ptr<AdaptationMethod> method;
  try {
    const auto type = files.config.at("peft_type").get<std::string>();
    method = type == "PROMPT_TUNING" ? PromptTuning::forLoading(PromptTuningConfig::fromJson(files.config, config_path))
                                     : makeMethod(type, files.config);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(config_path + ": " + e.what());
  }
  method->attach(model);
  method->loadAdapterTensors(files.tensors, (folder / "adapter_model.safetensors").string());
  return method;
}

}  // namespace pwb::adapt
