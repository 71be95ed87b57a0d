#include "data/json_line.h"

#include <nlohmann/json.hpp>

namespace pwb::data {
namespace {

using nlohmann::json;

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5: <why>";
// the position is left out, since the importer reports its own, which counts characters.
std::string parseErrorReason(const std::string& what) {
  const std::size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Keeps the top level and the top-level object's fields; deeper values are only walked through.
class LineReader : public nlohmann::json_sax<json> {
 public:
  bool null() override { return scalar("null", ""); }
  bool boolean(bool value) override { return scalar("boolean", value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override { return scalar("number", std::to_string(value), true); }
  bool number_unsigned(number_unsigned_t value) override { return scalar("number", std::to_string(value), true); }
  bool number_float(number_float_t, const string_t& as_written) override { return scalar("number", as_written); }
  bool string(string_t& value) override { return scalar("string", value); }
  bool binary(binary_t&) override { return scalar("binary", ""); }  // not produced by JSON text
  bool start_object(std::size_t) override { return open("object"); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open("array"); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    if (depth_ == 1) key_ = name;
    return true;
  }
  bool parse_error(std::size_t byte, const std::string&, const json::exception& error) override {
    throw JsonLineError(byte, parseErrorReason(error.what()));
  }

  JsonLine take() { return std::move(parsed_); }

 private:
  bool scalar(const char* type, std::string text, bool integer = false) {
    if (depth_ == 0) parsed_.type = type;
    if (depth_ == 1) keep({key_, type, integer, std::move(text)});
    return true;
  }
  bool open(const char* type) {
    scalar(type, "");
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  // Only an object's members are at depth 1 with a key; an array's items are not fields.
  void keep(JsonField field) {
    if (parsed_.type != "object") return;
    for (auto& existing : parsed_.fields) {
      if (existing.key == field.key) {
        existing = std::move(field);
        return;
      }
    }
    parsed_.fields.push_back(std::move(field));
  }

  JsonLine parsed_;
  std::size_t depth_ = 0;
  std::string key_;
};

}  // namespace

JsonLine parseJsonLine(std::string_view line) {
  LineReader reader;
  json::sax_parse(line.begin(), line.end(), &reader);
  return reader.take();
}

}  // namespace pwb::data
