#include "experiment/method_options.h"

#include <limits>

#include "experiment/spec_reader.h"

namespace pwb::experiment {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

void virtualTokens(ObjectReader& in, nlohmann::json& out) {
  out["num_virtual_tokens"] = in.integer("num_virtual_tokens", 1, 8);
}

void promptTuning(ObjectReader& in, nlohmann::json& out) {
  virtualTokens(in, out);
  const auto init = in.choice("prompt_tuning_init", {"RANDOM", "TEXT", "SAMPLE_VOCAB"}, std::string("RANDOM"));
  out["prompt_tuning_init"] = init;
  // The text comes from the file, or from a design run's instruction (init_from_design).
  const auto text = in.string("prompt_tuning_init_text", std::string());
  const auto design = in.string("init_from_design", std::string());
  if (init == "TEXT" && text.empty() == design.empty()) {
    throw SpecError(childPath(in.path(), "prompt_tuning_init"),
                    "TEXT needs exactly one of prompt_tuning_init_text or init_from_design");
  }
  if (init != "TEXT" && !(text.empty() && design.empty())) {
    throw SpecError(childPath(in.path(), "prompt_tuning_init"),
                    "an init text is only used with \"TEXT\", but the init is \"" + init + "\"");
  }
  out["prompt_tuning_init_text"] = text;
  out["init_from_design"] = design;
}

void prefixTuning(ObjectReader& in, nlohmann::json& out) {
  virtualTokens(in, out);
  out["prefix_projection"] = in.boolean("prefix_projection", false);
  // PEFT's default hidden size of the reparameterisation MLP is the model's width; 0 here
  // means "the model's width", resolved when the model is known.
  out["encoder_hidden_size"] = in.integer("encoder_hidden_size", 0, 0);
}

void pTuning(ObjectReader& in, nlohmann::json& out) {
  virtualTokens(in, out);
  out["encoder_reparameterization_type"] = in.choice("encoder_reparameterization_type", {"MLP", "LSTM"}, std::string("MLP"));
  out["encoder_hidden_size"] = in.integer("encoder_hidden_size", 0, 0);
  out["encoder_num_layers"] = in.integer("encoder_num_layers", 1, 2);
  out["encoder_dropout"] = in.number("encoder_dropout", 0.0, 1.0, false, 0.0);
}

void lora(ObjectReader& in, nlohmann::json& out) {
  out["r"] = in.integer("r", 1, 8);
  out["lora_alpha"] = in.number("lora_alpha", 0.0, kInfinity, true, 8.0);
  out["lora_dropout"] = in.number("lora_dropout", 0.0, 1.0, false, 0.0);
  // Empty: PEFT's default targets for the model's family, resolved when the model is known.
  out["target_modules"] = in.strings("target_modules", std::vector<std::string>{});
  out["bias"] = in.choice("bias", {"none", "all", "lora_only"}, std::string("none"));
  out["use_rslora"] = in.boolean("use_rslora", false);
  const auto* init = in.optional("init_lora_weights");
  if (init != nullptr && !init->is_boolean() && *init != "gaussian") {
    throw SpecError(childPath(in.path(), "init_lora_weights"), "expected true, false or \"gaussian\", got " + brief(*init));
  }
  out["init_lora_weights"] = init == nullptr ? nlohmann::json(true) : *init;
}

void ia3(ObjectReader& in, nlohmann::json& out) {
  out["target_modules"] = in.strings("target_modules", std::vector<std::string>{});
  out["feedforward_modules"] = in.strings("feedforward_modules", std::vector<std::string>{});
}

}  // namespace

const std::vector<std::string>& methodNames() {
  static const std::vector<std::string> names = {"prompt_tuning", "prefix_tuning", "p_tuning", "lora", "ia3", "full"};
  return names;
}

nlohmann::json checkMethodOptions(const nlohmann::json& method, const std::string& path) {
  ObjectReader in(method, path);
  const auto name = in.choice("name", methodNames());
  nlohmann::json out = {{"name", name}};
  if (name == "prompt_tuning") promptTuning(in, out);
  if (name == "prefix_tuning") prefixTuning(in, out);
  if (name == "p_tuning") pTuning(in, out);
  if (name == "lora") lora(in, out);
  if (name == "ia3") ia3(in, out);
  in.finish();
  return out;
}

nlohmann::json peftOptions(nlohmann::json method, const std::string& init_text) {
  method.erase("name");
  method.erase("init_from_design");
  if (!init_text.empty()) method["prompt_tuning_init_text"] = init_text;
  for (const char* key : {"encoder_hidden_size", "target_modules", "feedforward_modules"}) {
    const auto found = method.find(key);
    if (found != method.end() && (*found == 0 || (found->is_array() && found->empty()))) method.erase(found);
  }
  return method;
}

}  // namespace pwb::experiment
