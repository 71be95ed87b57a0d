#pragma once
// LoRA (Hu et al. 2021; PEFT's LoraConfig): each target layer gets y = W x + b + s · B(A(dropout(x)))
// with A (r, in), B (out, r) and s = lora_alpha / r (lora_alpha / √r with use_rslora). A starts
// kaiming-uniform (a = √5) or N(0, 1/r) ("gaussian"), B at zero, so training starts at the base
// model; init_lora_weights false keeps nn.Linear's random init of both, as PEFT does. GPT-2's
// Conv1D is fan_in_fan_out: A and B have the same shapes as for a Linear.

#include <memory>

#include "adapt/adaptation_method.h"
#include "adapt/target_modules.h"

namespace pwb::adapt {

struct LoraConfig {
  enum class Bias { None, All, LoraOnly };
  enum class Init { KaimingUniform, Gaussian, Random };  // init_lora_weights true / "gaussian" / false
  std::int64_t r = 8;
  double lora_alpha = 8;
  double lora_dropout = 0.0;
  std::optional<TargetModules> target_modules;  // nullopt: the family's default
  Bias bias = Bias::None;
  bool use_rslora = false;
  Init init_lora_weights = Init::KaimingUniform;
  std::string task_type;
  std::string base_model_name_or_path;

  static LoraConfig fromJson(const nlohmann::json& options, const std::string& source);
  double scaling() const;
};

// Parameters LoRA adds and trains on a model known by its config alone.
TrainableCount countLora(const model::ModelConfig& config, const LoraConfig& lora);

class LoraLayer;

class Lora final : public AdaptationMethod {
 public:
  explicit Lora(LoraConfig config);
  ~Lora() override;

  std::string peftType() const override { return "LORA"; }
  void attach(BaseModel& model) override;
  std::vector<NamedTensor> trainableParameters() override;
  std::int64_t addedParameters() override;
  nlohmann::json adapterConfig() const override;
  std::map<std::string, at::Tensor> adapterTensors() override;
  void loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) override;

  // W += s · B A in every target layer (and the LoRA path is skipped), or the reverse.
  void merge();
  void unmerge();
  bool merged() const { return merged_; }

 private:
  std::vector<NamedTensor> trainableBiases() const;

  LoraConfig config_;
  BaseModel* model_ = nullptr;
  model::ModelFamily family_ = model::ModelFamily::Gpt2;
  std::vector<std::pair<std::string, std::shared_ptr<LoraLayer>>> layers_;  // module name → its LoRA pair
  bool merged_ = false;
};

}  // namespace pwb::adapt
