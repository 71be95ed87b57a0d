#pragma once
// IA3 (Liu et al. 2022; PEFT's IA3Config): a learned vector l per target layer, initialised to
// ones. Feed-forward targets scale the layer's input, y = W (x ⊙ l), l stored (1, in); the others
// scale its output, y = (W x + b) ⊙ l, l stored (out, 1).

#include <memory>

#include "adapt/adaptation_method.h"
#include "adapt/target_modules.h"

namespace pwb::adapt {

struct Ia3Config {
  std::optional<TargetModules> target_modules;       // nullopt: the family's default
  std::optional<TargetModules> feedforward_modules;  // nullopt: the family's default
  bool init_ia3_weights = true;                      // false: l starts at zero
  std::string task_type;
  std::string base_model_name_or_path;

  static Ia3Config fromJson(const nlohmann::json& options, const std::string& source);
};

TrainableCount countIa3(const model::ModelConfig& config, const Ia3Config& ia3);

class Ia3Layer;

class Ia3 final : public AdaptationMethod {
 public:
  explicit Ia3(Ia3Config config) : config_(std::move(config)) {}
  ~Ia3() override;

  std::string peftType() const override { return "IA3"; }
  void attach(BaseModel& model) override;
  std::vector<NamedTensor> trainableParameters() override;
  std::int64_t addedParameters() override;
  nlohmann::json adapterConfig() const override;
  std::map<std::string, at::Tensor> adapterTensors() override;
  void loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) override;

 private:
  Ia3Config config_;
  model::ModelFamily family_ = model::ModelFamily::Gpt2;
  std::vector<std::pair<std::string, std::shared_ptr<Ia3Layer>>> layers_;
};

}  // namespace pwb::adapt
