#include "adapt/lora.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <ATen/ATen.h>
#include <torch/nn/init.h>
#include <torch/utils.h>

#include "model/linear_hook.h"
#include "model/parameter_count.h"

namespace pwb::adapt {

namespace {

// PEFT's bias="all" trains every parameter whose name contains "bias" (T5's relative attention
// bias included).
bool trainsAsBias(const std::string& name) { return name.find("bias") != std::string::npos; }

}  // namespace

// One target layer's A and B, run as a hook around the layer.
class LoraLayer final : public model::LinearHook {
 public:
  LoraLayer(model::LinearHookSite& site, std::int64_t r, double scaling, double dropout,
            const torch::nn::Module& owner)
      : site_(site), scaling_(scaling), dropout_(dropout), owner_(owner) {
    const auto weight = site.weightOutIn();  // (out, in)
    A = at::empty({r, weight.size(1)}, at::kFloat);
    B = at::empty({weight.size(0), r}, at::kFloat);
    // Draws as PEFT 0.12 does, so that seed 42 gives PEFT's adapter: A and B are built as
    // nn.Linear(in, r) and nn.Linear(r, out), each drawing its own init, before
    // init_lora_weights is applied (Lora::attach).
    torch::NoGradGuard no_grad;
    torch::nn::init::kaiming_uniform_(A, std::sqrt(5.0));
    torch::nn::init::kaiming_uniform_(B, std::sqrt(5.0));
    A.set_requires_grad(true);
    B.set_requires_grad(true);
  }

  at::Tensor forward(const at::Tensor& x, const std::function<at::Tensor(const at::Tensor&)>& base) override {
    auto result = base(x);
    if (merged_) return result;
    const auto input = dropout_ > 0 && owner_.is_training() ? at::dropout(x, dropout_, /*train=*/true) : x;
    return result + at::linear(at::linear(input, A), B) * scaling_;
  }

  // Adds (sign +1) or removes (-1) s · B A in the layer's weight.
  void fold(double sign) {
    torch::NoGradGuard no_grad;
    site_.weightOutIn().add_(at::matmul(B, A) * (sign * scaling_));
    merged_ = sign > 0;
  }

  model::LinearHookSite& site() { return site_; }
  at::Tensor A, B;

 private:
  model::LinearHookSite& site_;
  double scaling_, dropout_;
  const torch::nn::Module& owner_;
  bool merged_ = false;
};

LoraConfig LoraConfig::fromJson(const nlohmann::json& o, const std::string& source) {
  LoraConfig c;
  auto number = [&](const char* key, double fallback) {
    const auto found = o.find(key);
    if (found == o.end() || found->is_null()) return fallback;
    if (!found->is_number()) throw std::invalid_argument(source + ": '" + key + "' must be a number, got " + found->dump());
    return found->get<double>();
  };
  auto flag = [&](const char* key, bool fallback) {
    const auto found = o.find(key);
    if (found == o.end() || found->is_null()) return fallback;
    if (!found->is_boolean()) throw std::invalid_argument(source + ": '" + key + "' must be true or false");
    return found->get<bool>();
  };
  const auto r = number("r", 8);
  if (r < 1 || r != std::floor(r)) throw std::invalid_argument(source + ": 'r' must be a positive integer");
  c.r = static_cast<std::int64_t>(r);
  c.lora_alpha = number("lora_alpha", 8);
  c.lora_dropout = number("lora_dropout", 0.0);
  if (c.lora_dropout < 0 || c.lora_dropout >= 1) throw std::invalid_argument(source + ": 'lora_dropout' must be in [0, 1)");
  c.target_modules = TargetModules::fromJson(o, "target_modules", source);
  const auto bias = o.value("bias", std::string("none"));
  if (bias == "none") {
    c.bias = Bias::None;
  } else if (bias == "all") {
    c.bias = Bias::All;
  } else if (bias == "lora_only") {
    c.bias = Bias::LoraOnly;
  } else {
    throw std::invalid_argument(source + ": 'bias' must be none, all or lora_only, got " + bias);
  }
  c.use_rslora = flag("use_rslora", false);
  const auto init = o.find("init_lora_weights");
  if (init != o.end() && !init->is_null()) {
    if (init->is_boolean()) {
      c.init_lora_weights = init->get<bool>() ? Init::KaimingUniform : Init::Random;
    } else if (init->is_string() && init->get<std::string>() == "gaussian") {
      c.init_lora_weights = Init::Gaussian;
    } else {
      throw std::invalid_argument(source + ": 'init_lora_weights' must be true, false or \"gaussian\"");
    }
  }
  c.task_type = o.value("task_type", std::string());
  c.base_model_name_or_path = o.value("base_model_name_or_path", std::string());
  return c;
}

double LoraConfig::scaling() const {
  return use_rslora ? lora_alpha / std::sqrt(static_cast<double>(r)) : lora_alpha / static_cast<double>(r);
}

TrainableCount countLora(const model::ModelConfig& config, const LoraConfig& lora) {
  const auto targets = lora.target_modules.value_or(defaultLoraTargets(model::familyOf(config)));
  std::int64_t added = 0, biases = 0;
  for (const auto& layer : linearLayers(config)) {
    const bool target = targets.matches(layer.name);
    if (target) added += lora.r * (layer.in_features + layer.out_features);
    if (target && layer.has_bias && lora.bias == LoraConfig::Bias::LoraOnly) biases += layer.out_features;
  }
  if (lora.bias == LoraConfig::Bias::All) {
    for (const auto& tensor : model::checkpointLayout(config).tensors) {
      if (trainsAsBias(tensor.name)) biases += tensor.numel();
    }
  }
  // Trainable biases are the base's own tensors: counted in the total already.
  return {added + biases, model::countParameters(config).total + added};
}

Lora::Lora(LoraConfig config) : config_(std::move(config)) {}

Lora::~Lora() {
  for (auto& [name, layer] : layers_) layer->site().setHook(nullptr);
}

void Lora::attach(BaseModel& model) {
  model_ = &model;
  family_ = model.shape().family;
  if (config_.task_type.empty()) config_.task_type = model.shape().encoder_decoder ? "SEQ_2_SEQ_LM" : "CAUSAL_LM";
  if (config_.base_model_name_or_path.empty()) config_.base_model_name_or_path = model.name();
  const auto targets = config_.target_modules.value_or(defaultLoraTargets(family_));
  for (auto& [name, site] : hookSites(model.module())) {
    if (!targets.matches(name)) continue;
    auto layer = std::make_shared<LoraLayer>(*site, config_.r, config_.scaling(), config_.lora_dropout, model.module());
    {
      torch::NoGradGuard no_grad;
      if (config_.init_lora_weights == LoraConfig::Init::KaimingUniform) {
        torch::nn::init::kaiming_uniform_(layer->A, std::sqrt(5.0));
      } else if (config_.init_lora_weights == LoraConfig::Init::Gaussian) {
        layer->A.normal_(0.0, 1.0 / static_cast<double>(config_.r));
      }
      if (config_.init_lora_weights != LoraConfig::Init::Random) layer->B.zero_();
    }
    site->setHook(layer);
    layers_.emplace_back(name, std::move(layer));
  }
  if (layers_.empty()) {
    throw std::invalid_argument("LoRA: target_modules " + targets.toJson().dump() + " match no linear layer of " +
                                (model.name().empty() ? std::string("the model") : model.name()));
  }
  for (auto& [name, bias] : trainableBiases()) bias.set_requires_grad(true);
}

std::vector<NamedTensor> Lora::trainableBiases() const {
  std::vector<NamedTensor> biases;
  if (config_.bias == LoraConfig::Bias::None) return biases;
  for (const auto& p : model_->module().named_parameters()) {
    if (!trainsAsBias(p.key())) continue;
    // A wrapped layer's own parameters sit under base_layer in PEFT's names.
    const auto layer = p.key().substr(0, p.key().rfind('.'));
    const bool target = std::any_of(layers_.begin(), layers_.end(), [&](const auto& l) { return l.first == layer; });
    if (config_.bias == LoraConfig::Bias::LoraOnly && !target) continue;
    biases.emplace_back("base_model.model." + layer + (target ? ".base_layer" : "") + p.key().substr(layer.size()),
                        p.value());
  }
  return biases;
}

std::vector<NamedTensor> Lora::trainableParameters() {
  std::vector<NamedTensor> named;
  for (auto& [name, layer] : layers_) {
    named.emplace_back("base_model.model." + name + ".lora_A.default.weight", layer->A);
    named.emplace_back("base_model.model." + name + ".lora_B.default.weight", layer->B);
  }
  for (auto& bias : trainableBiases()) named.push_back(bias);
  return named;
}

std::int64_t Lora::addedParameters() {
  std::int64_t n = 0;
  for (auto& [name, layer] : layers_) n += layer->A.numel() + layer->B.numel();
  return n;
}

nlohmann::json Lora::adapterConfig() const {
  const char* bias_names[] = {"none", "all", "lora_only"};
  nlohmann::json init = config_.init_lora_weights == LoraConfig::Init::Gaussian ? nlohmann::json("gaussian")
                        : nlohmann::json(config_.init_lora_weights == LoraConfig::Init::KaimingUniform);
  return {{"alpha_pattern", nlohmann::json::object()},
          {"auto_mapping", nullptr},
          {"base_model_name_or_path", config_.base_model_name_or_path},
          {"bias", bias_names[static_cast<int>(config_.bias)]},
          {"fan_in_fan_out", family_ == model::ModelFamily::Gpt2},
          {"inference_mode", true},
          {"init_lora_weights", init},
          {"layer_replication", nullptr},
          {"layers_pattern", nullptr},
          {"layers_to_transform", nullptr},
          {"loftq_config", nlohmann::json::object()},
          {"lora_alpha", config_.lora_alpha == std::floor(config_.lora_alpha)
                             ? nlohmann::json(static_cast<std::int64_t>(config_.lora_alpha))
                             : nlohmann::json(config_.lora_alpha)},
          {"lora_dropout", config_.lora_dropout},
          {"megatron_config", nullptr},
          {"megatron_core", "megatron.core"},
          {"modules_to_save", nullptr},
          {"peft_type", "LORA"},
          {"r", config_.r},
          {"rank_pattern", nlohmann::json::object()},
          {"revision", nullptr},
          {"target_modules", config_.target_modules.value_or(defaultLoraTargets(family_)).toJson()},
          {"task_type", config_.task_type},
          {"use_dora", false},
          {"use_rslora", config_.use_rslora}};
}

std::map<std::string, at::Tensor> Lora::adapterTensors() {
  std::map<std::string, at::Tensor> tensors;
  for (auto& [name, tensor] : trainableParameters()) tensors.emplace(withoutAdapterName(name), tensor.detach().clone());
  return tensors;
}

void Lora::loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) {
  const auto expected = adapterTensors();
  for (auto& [name, tensor] : trainableParameters()) {
    const auto key = withoutAdapterName(name);
    copyChecked(tensor, tensorNamed(tensors, key, source), source, key);
  }
  for (const auto& entry : tensors) {
    if (expected.count(entry.first) == 0) {
      throw std::runtime_error(source + ": unexpected tensor '" + entry.first + "' (no such LoRA layer in this model)");
    }
  }
}

void Lora::merge() {
  if (merged_) return;
  for (auto& [name, layer] : layers_) layer->fold(+1.0);
  merged_ = true;
}

void Lora::unmerge() {
  if (!merged_) return;
  for (auto& [name, layer] : layers_) layer->fold(-1.0);
  merged_ = false;
}

}  // namespace pwb::adapt
