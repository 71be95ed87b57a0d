#pragma once
// One JSON Lines line read for import: the top-level value's type and, for an object, its
// fields in the order the line writes them, with scalars as written (nlohmann's DOM keeps
// neither the order nor a number's spelling). Torch-free.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pwb::data {

struct JsonField {
  std::string key;
  std::string type;      // "string", "number", "boolean", "null", "object" or "array"
  bool integer = false;  // a number without fraction or exponent
  std::string text;      // a string's value, a number as written, true/false; empty otherwise
};

struct JsonLine {
  std::string type;  // the top-level value's type, as JsonField::type
  std::vector<JsonField> fields;  // an object's keys, each once (a repeated key keeps its first place, last value)
};

class JsonLineError : public std::runtime_error {
 public:
  // byte: the 1-based index of the last byte read, where the parser gave up.
  JsonLineError(std::size_t byte, const std::string& reason) : std::runtime_error(reason), byte_(byte) {}
  std::size_t byte() const { return byte_; }

 private:
  std::size_t byte_;
};

// Throws JsonLineError when the line is not one JSON value.
JsonLine parseJsonLine(std::string_view line);

}  // namespace pwb::data
