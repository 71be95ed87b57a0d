#include "experiment/spec_reader.h"

#include <cctype>
#include <cmath>
#include <sstream>

namespace pwb::experiment {
namespace {

bool isIdentifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (const char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string describeBound(double minimum, double maximum, bool exclusive_minimum) {
  std::ostringstream text;
  text << "a number " << (exclusive_minimum ? "> " : ">= ") << minimum;
  if (std::isfinite(maximum)) text << " and <= " << maximum;
  return text.str();
}

}  // namespace

SpecError::SpecError(std::string path, std::string reason)
    : std::runtime_error((path.empty() ? std::string("(top level)") : path) + ": " + reason),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

std::string childPath(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

std::string childPath(const std::string& path, const std::string& key) {
  if (isIdentifier(key)) return path.empty() ? key : path + "." + key;
  return path + "[" + nlohmann::json(key).dump() + "]";
}

nlohmann::json::json_pointer dottedPointer(const std::string& dotted) {
  std::string pointer;
  for (std::size_t start = 0;;) {
    const auto dot = dotted.find('.', start);
    pointer += "/" + dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) return nlohmann::json::json_pointer(pointer);
    start = dot + 1;
  }
}

std::string brief(const nlohmann::json& value) {
  auto text = value.dump();
  constexpr std::size_t kMax = 40;
  if (text.size() > kMax) text = text.substr(0, kMax) + "...";
  return text;
}

std::int64_t integerAt(const nlohmann::json& value, const std::string& path, std::int64_t minimum) {
  const bool whole = value.is_number_integer() || (value.is_number_float() && std::isfinite(value.get<double>()) &&
                                                   std::floor(value.get<double>()) == value.get<double>() &&
                                                   std::fabs(value.get<double>()) < 9e15);
  const auto expected = minimum == 1   ? std::string("a positive integer")
                        : minimum == 0 ? std::string("a non-negative integer")
                                       : "an integer >= " + std::to_string(minimum);
  if (!whole) throw SpecError(path, "expected " + expected + ", got " + brief(value));
  const auto number = value.is_number_integer() ? value.get<std::int64_t>() : static_cast<std::int64_t>(value.get<double>());
  if (number < minimum) throw SpecError(path, "expected " + expected + ", got " + brief(value));
  return number;
}

double numberAt(const nlohmann::json& value, const std::string& path, double minimum, double maximum,
                bool exclusive_minimum) {
  const auto expected = describeBound(minimum, maximum, exclusive_minimum);
  if (!value.is_number()) throw SpecError(path, "expected " + expected + ", got " + brief(value));
  const double number = value.get<double>();
  const bool below = exclusive_minimum ? !(number > minimum) : !(number >= minimum);
  if (!std::isfinite(number) || below || number > maximum) {
    throw SpecError(path, "expected " + expected + ", got " + brief(value));
  }
  return number;
}

std::string stringAt(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) throw SpecError(path, "expected a string, got " + brief(value));
  return value.get<std::string>();
}

ObjectReader::ObjectReader(const nlohmann::json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) throw SpecError(path_, "expected an object, got " + brief(object_));
}

bool ObjectReader::has(const std::string& key) const { return object_.contains(key); }

const nlohmann::json& ObjectReader::required(const std::string& key) {
  const auto* value = optional(key);
  if (value == nullptr) throw SpecError(childPath(path_, key), "required, but missing");
  return *value;
}

const nlohmann::json* ObjectReader::optional(const std::string& key) {
  const auto found = object_.find(key);
  if (found == object_.end()) return nullptr;
  read_.insert(key);
  return &*found;
}

std::string ObjectReader::string(const std::string& key, const std::optional<std::string>& fallback) {
  const auto* value = fallback ? optional(key) : &required(key);
  return value == nullptr ? *fallback : stringAt(*value, childPath(path_, key));
}

std::string ObjectReader::choice(const std::string& key, const std::vector<std::string>& allowed,
                                 const std::optional<std::string>& fallback) {
  const auto text = string(key, fallback);
  for (const auto& a : allowed) {
    if (a == text) return text;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + ('"' + a + '"');
  throw SpecError(childPath(path_, key), "expected one of " + list + ", got \"" + text + "\"");
}

bool ObjectReader::boolean(const std::string& key, std::optional<bool> fallback) {
  const auto* value = fallback ? optional(key) : &required(key);
  if (value == nullptr) return *fallback;
  if (!value->is_boolean()) throw SpecError(childPath(path_, key), "expected true or false, got " + brief(*value));
  return value->get<bool>();
}

std::int64_t ObjectReader::integer(const std::string& key, std::int64_t minimum, std::optional<std::int64_t> fallback) {
  const auto* value = fallback ? optional(key) : &required(key);
  return value == nullptr ? *fallback : integerAt(*value, childPath(path_, key), minimum);
}

double ObjectReader::number(const std::string& key, double minimum, double maximum, bool exclusive_minimum,
                            std::optional<double> fallback) {
  const auto* value = fallback ? optional(key) : &required(key);
  return value == nullptr ? *fallback : numberAt(*value, childPath(path_, key), minimum, maximum, exclusive_minimum);
}

std::vector<std::string> ObjectReader::strings(const std::string& key,
                                               const std::optional<std::vector<std::string>>& fallback) {
  const auto* value = fallback ? optional(key) : &required(key);
  if (value == nullptr) return *fallback;
  const auto path = childPath(path_, key);
  if (!value->is_array()) throw SpecError(path, "expected an array of strings, got " + brief(*value));
  std::vector<std::string> result;
  for (std::size_t i = 0; i < value->size(); ++i) result.push_back(stringAt((*value)[i], childPath(path, i)));
  return result;
}

void ObjectReader::finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (read_.count(key) == 0) {
      throw SpecError(childPath(path_, key), "unknown setting (misspelt, or not valid here)");
    }
  }
}

}  // namespace pwb::experiment
