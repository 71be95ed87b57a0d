#include "adapt/ia3.h"

#include <stdexcept>

#include <ATen/ATen.h>

#include "model/linear_hook.h"
#include "model/parameter_count.h"

namespace pwb::adapt {

class Ia3Layer final : public model::LinearHook {
 public:
  Ia3Layer(model::LinearHookSite& site, bool feedforward, bool init_ones) : site_(site), feedforward_(feedforward) {
    const auto weight = site.weightOutIn();  // (out, in)
    const auto shape = feedforward ? std::vector<std::int64_t>{1, weight.size(1)} : std::vector<std::int64_t>{weight.size(0), 1};
    l = (init_ones ? at::ones(shape, at::kFloat) : at::zeros(shape, at::kFloat)).set_requires_grad(true);
  }

  at::Tensor forward(const at::Tensor& x, const std::function<at::Tensor(const at::Tensor&)>& base) override {
    const auto scaling = l.flatten();
    return feedforward_ ? base(x * scaling) : base(x) * scaling;
  }

  model::LinearHookSite& site() { return site_; }
  at::Tensor l;

 private:
  model::LinearHookSite& site_;
  bool feedforward_;
};

Ia3Config Ia3Config::fromJson(const nlohmann::json& options, const std::string& source) {
  Ia3Config c;
  c.target_modules = TargetModules::fromJson(options, "target_modules", source);
  c.feedforward_modules = TargetModules::fromJson(options, "feedforward_modules", source);
  const auto init = options.find("init_ia3_weights");
  if (init != options.end() && !init->is_null()) {
    if (!init->is_boolean()) throw std::invalid_argument(source + ": 'init_ia3_weights' must be true or false");
    c.init_ia3_weights = init->get<bool>();
  }
  c.task_type = options.value("task_type", std::string());
  c.base_model_name_or_path = options.value("base_model_name_or_path", std::string());
  return c;
}

TrainableCount countIa3(const model::ModelConfig& config, const Ia3Config& ia3) {
  const auto family = model::familyOf(config);
  const auto targets = ia3.target_modules.value_or(defaultIa3Targets(family));
  const auto feedforward = ia3.feedforward_modules.value_or(defaultIa3FeedforwardModules(family));
  std::int64_t added = 0;
  for (const auto& layer : linearLayers(config)) {
    if (targets.matches(layer.name)) added += feedforward.matches(layer.name) ? layer.in_features : layer.out_features;
  }
  return {added, model::countParameters(config).total + added};
}

Ia3::~Ia3() {
  for (auto& [name, layer] : layers_) layer->site().setHook(nullptr);
}

void Ia3::attach(BaseModel& model) {
  family_ = model.shape().family;
  if (config_.task_type.empty()) config_.task_type = model.shape().encoder_decoder ? "SEQ_2_SEQ_LM" : "CAUSAL_LM";
  if (config_.base_model_name_or_path.empty()) config_.base_model_name_or_path = model.name();
  const auto targets = config_.target_modules.value_or(defaultIa3Targets(family_));
  const auto feedforward = config_.feedforward_modules.value_or(defaultIa3FeedforwardModules(family_));
  for (auto& [name, site] : hookSites(model.module())) {
    if (!targets.matches(name)) continue;
    auto layer = std::make_shared<Ia3Layer>(*site, feedforward.matches(name), config_.init_ia3_weights);
    site->setHook(layer);
    layers_.emplace_back(name, std::move(layer));
  }
  if (layers_.empty()) {
    throw std::invalid_argument("IA3: target_modules " + targets.toJson().dump() + " match no linear layer of " +
                                (model.name().empty() ? std::string("the model") : model.name()));
  }
}

std::vector<NamedTensor> Ia3::trainableParameters() {
  std::vector<NamedTensor> named;
  for (auto& [name, layer] : layers_) named.emplace_back("base_model.model." + name + ".ia3_l.default", layer->l);
  return named;
}

std::int64_t Ia3::addedParameters() {
  std::int64_t n = 0;
  for (auto& [name, layer] : layers_) n += layer->l.numel();
  return n;
}

nlohmann::json Ia3::adapterConfig() const {
  return {{"auto_mapping", nullptr},
          {"base_model_name_or_path", config_.base_model_name_or_path},
          {"fan_in_fan_out", family_ == model::ModelFamily::Gpt2},
          {"feedforward_modules", config_.feedforward_modules.value_or(defaultIa3FeedforwardModules(family_)).toJson()},
          {"inference_mode", true},
          {"init_ia3_weights", config_.init_ia3_weights},
          {"modules_to_save", nullptr},
          {"peft_type", "IA3"},
          {"revision", nullptr},
          {"target_modules", config_.target_modules.value_or(defaultIa3Targets(family_)).toJson()},
          {"task_type", config_.task_type}};
}

std::map<std::string, at::Tensor> Ia3::adapterTensors() {
  std::map<std::string, at::Tensor> tensors;
  for (auto& [name, tensor] : trainableParameters()) tensors.emplace(withoutAdapterName(name), tensor.detach().clone());
  return tensors;
}

void Ia3::loadAdapterTensors(const std::map<std::string, at::Tensor>& tensors, const std::string& source) {
  for (auto& [name, tensor] : trainableParameters()) {
    const auto key = withoutAdapterName(name);
    copyChecked(tensor, tensorNamed(tensors, key, source), source, key);
  }
  if (tensors.size() != layers_.size()) {
    throw std::runtime_error(source + ": holds " + std::to_string(tensors.size()) + " tensors, this IA3 adapter has " +
                             std::to_string(layers_.size()));
  }
}

}  // namespace pwb::adapt
