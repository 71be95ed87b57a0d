#include "adapt/method_options.h"

#include <sstream>
#include <stdexcept>

#include "adapt/method_counts.h"

namespace pwb::adapt {
namespace {

enum class Kind { Integer, Number, Boolean, Text, ModuleList, InitLoraWeights };

const std::map<std::string, Kind>& kinds() {
  static const std::map<std::string, Kind> table = {
      {"num_virtual_tokens", Kind::Integer},
      {"prompt_tuning_init", Kind::Text},
      {"prompt_tuning_init_text", Kind::Text},
      {"tokenizer_name_or_path", Kind::Text},
      {"encoder_hidden_size", Kind::Integer},
      {"prefix_projection", Kind::Boolean},
      {"encoder_reparameterization_type", Kind::Text},
      {"encoder_num_layers", Kind::Integer},
      {"encoder_dropout", Kind::Number},
      {"r", Kind::Integer},
      {"lora_alpha", Kind::Number},
      {"lora_dropout", Kind::Number},
      {"target_modules", Kind::ModuleList},
      {"feedforward_modules", Kind::ModuleList},
      {"bias", Kind::Text},
      {"use_rslora", Kind::Boolean},
      {"init_lora_weights", Kind::InitLoraWeights},
      {"init_ia3_weights", Kind::Boolean},
  };
  return table;
}

nlohmann::json parseValue(const std::string& name, const std::string& text, Kind kind) {
  auto fail = [&](const char* expected) {
    return std::invalid_argument("--" + name + " " + text + ": expected " + expected);
  };
  switch (kind) {
    case Kind::Integer: {
      std::size_t used = 0;
      long long value = 0;
      try {
        value = std::stoll(text, &used);
      } catch (const std::exception&) {
        throw fail("an integer");
      }
      if (used != text.size()) throw fail("an integer");
      return value;
    }
    case Kind::Number: {
      std::size_t used = 0;
      double value = 0;
      try {
        value = std::stod(text, &used);
      } catch (const std::exception&) {
        throw fail("a number");
      }
      if (used != text.size()) throw fail("a number");
      // Whole numbers stay integers, as PEFT writes lora_alpha 16.
      if (value == static_cast<double>(static_cast<long long>(value)) && text.find('.') == std::string::npos) {
        return static_cast<long long>(value);
      }
      return value;
    }
    case Kind::Boolean:
      if (text == "true" || text == "True" || text == "1") return true;
      if (text == "false" || text == "False" || text == "0") return false;
      throw fail("true or false");
    case Kind::InitLoraWeights:
      if (text == "gaussian") return text;
      return parseValue(name, text, Kind::Boolean);
    case Kind::ModuleList: {
      nlohmann::json list = nlohmann::json::array();
      std::stringstream in(text);
      std::string item;
      while (std::getline(in, item, ',')) {
        if (item.empty()) throw fail("module names separated by commas");
        list.push_back(item);
      }
      if (list.empty()) throw fail("module names separated by commas");
      return list;
    }
    case Kind::Text: return text;
  }
  return text;
}

}  // namespace

const std::vector<std::string>& methodOptionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& entry : kinds()) list.push_back(entry.first);
    return list;
  }();
  return names;
}

nlohmann::json methodOptionsFromStrings(const std::map<std::string, std::string>& given) {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [name, text] : given) {
    const auto kind = kinds().find(name);
    if (kind == kinds().end()) throw std::invalid_argument("unknown method option --" + name);
    options[name] = parseValue(name, text, kind->second);
  }
  return options;
}

std::int64_t extraPositions(const std::string& method_name, const nlohmann::json& options) {
  const auto type = peftTypeOf(method_name);
  if (type != "PROMPT_TUNING" && type != "PREFIX_TUNING" && type != "P_TUNING") return 0;
  return options.value("num_virtual_tokens", std::int64_t{20});
}

}  // namespace pwb::adapt
