#pragma once
// Reading a JSON document with a path for every error: "runs[3].method.r: expected a positive
// integer, got -2". Torch-free.

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pwb::experiment {

// An error in a spec: where (a JSON path such as "runs[3].method.r") and what is wrong.
class SpecError : public std::runtime_error {
 public:
  SpecError(std::string path, std::string reason);
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

// "runs" + 3 -> "runs[3]"; "runs[3]" + "method" -> "runs[3].method"; keys that are not plain
// identifiers are quoted: "sweep[\"method.r\"]".
std::string childPath(const std::string& path, std::size_t index);
std::string childPath(const std::string& path, const std::string& key);

// "method.r" -> the JSON pointer "/method/r" (a sweep key addresses a run setting this way).
nlohmann::json::json_pointer dottedPointer(const std::string& dotted);

// A short rendering of a value for messages (long strings and containers are cut).
std::string brief(const nlohmann::json& value);

// Reads the members of one JSON object, each at most once, and at the end rejects the members
// nobody asked for — a misspelt option is an error, not a silently ignored setting.
class ObjectReader {
 public:
  // Throws SpecError when `object` is not a JSON object.
  ObjectReader(const nlohmann::json& object, std::string path);

  const std::string& path() const { return path_; }
  bool has(const std::string& key) const;
  // The raw member (marks it read); throws when absent.
  const nlohmann::json& required(const std::string& key);
  const nlohmann::json* optional(const std::string& key);

  std::string string(const std::string& key, const std::optional<std::string>& fallback = std::nullopt);
  // One of `allowed`, compared exactly.
  std::string choice(const std::string& key, const std::vector<std::string>& allowed,
                     const std::optional<std::string>& fallback = std::nullopt);
  bool boolean(const std::string& key, std::optional<bool> fallback = std::nullopt);
  // Integers with a lower bound; a JSON number with a fraction is rejected.
  std::int64_t integer(const std::string& key, std::int64_t minimum, std::optional<std::int64_t> fallback = std::nullopt);
  // A finite number in [minimum, maximum] (or (minimum, maximum] when exclusive_minimum).
  double number(const std::string& key, double minimum, double maximum, bool exclusive_minimum,
                std::optional<double> fallback = std::nullopt);
  std::vector<std::string> strings(const std::string& key, const std::optional<std::vector<std::string>>& fallback = std::nullopt);

  // Throws SpecError naming the first member that was never read.
  void finish() const;

 private:
  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string> read_;
};

// The same checks for a value that is not a member (an array element, a sweep value).
std::int64_t integerAt(const nlohmann::json& value, const std::string& path, std::int64_t minimum);
double numberAt(const nlohmann::json& value, const std::string& path, double minimum, double maximum,
                bool exclusive_minimum);
std::string stringAt(const nlohmann::json& value, const std::string& path);

}  // namespace pwb::experiment
