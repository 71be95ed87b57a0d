#include "data/jsonl_import.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pwb::data {
namespace {

using nlohmann::json;

bool isBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5: <why>";
// the position is replaced by ours, which counts characters, not bytes.
std::string parseErrorReason(const json::parse_error& error) {
  const std::string what = error.what();
  const std::size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Where the value of top-level `key` starts in the raw line, or 0. nlohmann 3.11 keeps no
// positions, so this searches for the key as the parser's own dump spells it; a key written
// with other escapes is not found and the problem is reported at the start of the line.
std::size_t valueOffset(std::string_view line, const std::string& key) {
  const std::string spelled = json(key).dump();
  for (std::size_t at = line.find(spelled); at != std::string_view::npos; at = line.find(spelled, at + 1)) {
    std::size_t next = at + spelled.size();
    while (next < line.size() && (line[next] == ' ' || line[next] == '\t')) ++next;
    if (next < line.size() && line[next] == ':') {
      ++next;
      while (next < line.size() && (line[next] == ' ' || line[next] == '\t')) ++next;
      return next;
    }
  }
  return 0;
}

class LineMapper {
 public:
  LineMapper(std::string_view line, std::size_t line_number, const json& object, IssueLog& issues)
      : line_(line), number_(line_number), object_(object), issues_(issues) {}

  // labels may be integers; everything else must be a string.
  Field read(const Column& column, bool integer_allowed) {
    Field field;
    if (!column.mapped()) return field;
    const auto found = object_.find(column.name);
    if (found == object_.end()) {
      fail(1, "missing field " + column.describe() + "; the fields are " + keys());
      return field;
    }
    field.at = {number_, characterCount(line_.substr(0, valueOffset(line_, column.name))) + 1};
    if (found->is_string()) {
      field.value = found->get<std::string>();
    } else if (integer_allowed && found->is_number_integer()) {
      field.value = found->dump();
    } else {
      fail(field.at.column, "field " + column.describe() + " is " + found->type_name() + ", expected " +
                                (integer_allowed ? "a string or an integer" : "a string"));
    }
    return field;
  }

  bool failed() const { return failed_; }

 private:
  std::string keys() const {
    std::string list;
    for (const auto& item : object_.items()) list += (list.empty() ? "\"" : ", \"") + item.key() + '"';
    return list.empty() ? "none" : list;
  }

  void fail(std::size_t column, std::string message) {
    failed_ = true;
    issues_.add(number_, column, std::move(message));
  }

  std::string_view line_;
  std::size_t number_;
  const json& object_;
  IssueLog& issues_;
  bool failed_ = false;
};

}  // namespace

std::size_t importJsonl(const SourceText& source, const ImportOptions& options, ExampleBuilder& builder,
                        IssueLog& issues) {
  const ColumnMapping& columns = options.columns;
  for (const Column* column : {&columns.text, &columns.text_b, &columns.label, &columns.id}) {
    if (column->by_index) {
      issues.add(0, 0, "JSONL fields have names, not positions: map " + column->describe() + " by name");
    }
  }
  if (!issues.empty()) return 0;

  std::size_t rows = 0;
  for (std::size_t index = 0; index < source.lineCount(); ++index) {
    const std::string_view line = source.line(index);
    if (isBlank(line)) continue;
    ++rows;
    const std::size_t number = index + 1;
    json object;
    try {
      object = json::parse(line.begin(), line.end());
    } catch (const json::parse_error& error) {
      // error.byte is the 1-based index of the last byte the parser read: where it gave up.
      const std::size_t column = characterCount(line.substr(0, error.byte > 0 ? error.byte - 1 : 0)) + 1;
      issues.add(number, column, "invalid JSON: " + parseErrorReason(error));
      continue;
    }
    if (!object.is_object()) {
      issues.add(number, 1, std::string("expected a JSON object, found ") + object.type_name());
      continue;
    }
    LineMapper mapper(line, number, object, issues);
    MappedRow row;
    row.line = number;
    row.text = mapper.read(columns.text, false);
    row.text_b = mapper.read(columns.text_b, false);
    row.label = mapper.read(columns.label, true);
    row.id = mapper.read(columns.id, true);
    if (!mapper.failed()) builder.add(std::move(row));
  }
  return rows;
}

}  // namespace pwb::data
