#include <fstream>

#include <nlohmann/json.hpp>

#include "system/data_paths.h"
#include "train/pretraining.h"

namespace pwb::train {

std::string PretrainingOptions::toJson() const {
  // The same keys as a recipe file, so a stored run's configuration can be run again.
  nlohmann::json json{{"name", run_name},
                      {"corpus", corpus.string()},
                      {"vocab_size", vocab_size},
                      {"lower_case", lower_case},
                      {"n_layer", layers},
                      {"n_embd", width},
                      {"n_head", heads},
                      {"n_positions", context},
                      {"steps", steps},
                      {"batch_size", batch_size},
                      {"learning_rate", learning_rate},
                      {"warmup_steps", warmup_steps},
                      {"weight_decay", weight_decay},
                      {"seed", seed},
                      {"eval_every", eval_every},
                      {"eval_windows", eval_windows},
                      {"checkpoint_every", checkpoint_every}};
  if (!validation_corpus.empty()) json["validation_corpus"] = validation_corpus.string();
  return json.dump();
}

namespace {

// The recipe's integer keys (Hugging Face's GPT-2 names for the model's shape).
std::int64_t* integerField(PretrainingOptions& o, const std::string& key) {
  const std::pair<const char*, std::int64_t*> fields[] = {
      {"n_layer", &o.layers},           {"n_embd", &o.width},         {"n_head", &o.heads},
      {"n_positions", &o.context},      {"steps", &o.steps},          {"batch_size", &o.batch_size},
      {"warmup_steps", &o.warmup_steps}, {"eval_every", &o.eval_every}, {"eval_windows", &o.eval_windows},
      {"checkpoint_every", &o.checkpoint_every}};
  for (const auto& [name, field] : fields) {
    if (key == name) return field;
  }
  return nullptr;
}

bool mayBeZero(const std::string& key) {
  return key == "warmup_steps" || key == "eval_every" || key == "checkpoint_every";
}

std::filesystem::path shippedPath(const std::string& text) {
  std::filesystem::path path = text;
  return path.is_relative() ? system::resourceDir() / path : path;
}

void applyRecipe(const std::filesystem::path& file, const nlohmann::json& recipe, PretrainingOptions& o,
                 const std::string& prefix) {
  const auto require = [&](const std::string& key, bool ok, const char* expected) {
    if (!ok) throw std::runtime_error(file.string() + ": key '" + prefix + key + "': expected " + expected);
  };
  for (const auto& [key, value] : recipe.items()) {
    const bool positive_int = value.is_number_integer() && value.get<std::int64_t>() > 0;
    const bool positive_number = value.is_number() && value.get<double>() > 0.0;
    if (key == "corpus" || key == "validation_corpus") {
      require(key, value.is_string(), "a file path");
      (key == "corpus" ? o.corpus : o.validation_corpus) = shippedPath(value.get<std::string>());
    } else if (key == "name") {
      require(key, value.is_string(), "a string");
      o.run_name = value.get<std::string>();
    } else if (key == "vocab_size") {
      require(key, positive_int, "a positive integer");
      o.vocab_size = value.get<int>();
    } else if (key == "lower_case") {
      require(key, value.is_boolean(), "true or false");
      o.lower_case = value.get<bool>();
    } else if (auto* field = integerField(o, key)) {
      const bool zero = mayBeZero(key) && value.is_number_integer() && value.get<std::int64_t>() == 0;
      require(key, positive_int || zero, mayBeZero(key) ? "an integer >= 0" : "a positive integer");
      *field = value.get<std::int64_t>();
    } else if (key == "learning_rate") {
      require(key, positive_number, "a positive number");
      o.learning_rate = value.get<double>();
    } else if (key == "weight_decay") {
      require(key, value.is_number() && value.get<double>() >= 0.0, "a number >= 0");
      o.weight_decay = value.get<double>();
    } else if (key == "seed") {
      require(key, value.is_number_unsigned(), "a non-negative integer");
      o.seed = value.get<std::uint64_t>();
    } else if (key == "quick" && prefix.empty()) {
      require(key, value.is_object(), "an object of overrides");
    } else if (key != "description") {
      throw std::runtime_error(file.string() + ": unknown key '" + prefix + key + "'");
    }
  }
}

}  // namespace

PretrainingOptions readPretrainingRecipe(const std::filesystem::path& file, PretrainingOptions o, bool quick) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open the recipe");
  nlohmann::json recipe;
  try {
    recipe = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::runtime_error(file.string() + ": not valid JSON: " + error.what());
  }
  if (!recipe.is_object()) throw std::runtime_error(file.string() + ": expected a JSON object");
  applyRecipe(file, recipe, o, "");
  // The quick overrides are checked even when not applied, so a broken quick mode shows at once.
  if (recipe.contains("quick")) {
    PretrainingOptions quick_options = o;
    applyRecipe(file, recipe["quick"], quick_options, "quick.");
    if (quick) o = quick_options;
  } else if (quick) {
    throw std::runtime_error(file.string() + ": the recipe has no \"quick\" overrides");
  }
  return o;
}

}  // namespace pwb::train
