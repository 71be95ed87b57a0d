#include "data/jsonl_import.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "data/json_line.h"

namespace pwb::data {
namespace {

bool isBlank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Where the value of top-level `key` starts in the raw line, or 0. The parser keeps no
// positions, so this searches for the key as JSON spells it plainly; a key written with other
// escapes is not found and the problem is reported at the start of the line.
std::size_t valueOffset(std::string_view line, const std::string& key) {
  const std::string spelled = nlohmann::json(key).dump();
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

bool isColumn(const JsonField& field) { return field.type != "object" && field.type != "array"; }

class LineMapper {
 public:
  LineMapper(std::string_view line, std::size_t line_number, const JsonLine& object, IssueLog& issues)
      : line_(line), number_(line_number), object_(object), issues_(issues) {}

  // labels and ids may be integers; everything else must be a string.
  Field read(const Column& column, bool integer_allowed) {
    Field field;
    if (!column.mapped()) return field;
    const auto found = std::find_if(object_.fields.begin(), object_.fields.end(),
                                    [&](const JsonField& f) { return f.key == column.name; });
    if (found == object_.fields.end()) {
      fail(1, "missing field " + column.describe() + "; the fields are " + keys());
      return field;
    }
    field.at = {number_, characterCount(line_.substr(0, valueOffset(line_, column.name))) + 1};
    if (found->type == "string" || (integer_allowed && found->integer)) {
      field.value = found->text;
    } else {
      fail(field.at.column, "field " + column.describe() + " is " + found->type + ", expected " +
                                (integer_allowed ? "a string or an integer" : "a string"));
    }
    return field;
  }

  bool failed() const { return failed_; }

 private:
  std::string keys() const {
    std::string list;
    for (const auto& field : object_.fields) list += (list.empty() ? "\"" : ", \"") + field.key + '"';
    return list.empty() ? "none" : list;
  }

  void fail(std::size_t column, std::string message) {
    failed_ = true;
    issues_.add(number_, column, std::move(message));
  }

  std::string_view line_;
  std::size_t number_;
  const JsonLine& object_;
  IssueLog& issues_;
  bool failed_ = false;
};

}  // namespace

ImportedTable importJsonl(const SourceText& source, const ImportOptions& options, ExampleBuilder& builder,
                          IssueLog& issues) {
  const ColumnMapping& columns = options.columns;
  ImportedTable table;
  for (const Column* column : {&columns.text, &columns.text_b, &columns.label, &columns.id}) {
    if (column->by_index) {
      issues.add(0, 0, "JSONL fields have names, not positions: map " + column->describe() + " by name");
    }
  }
  if (!issues.empty()) return table;
  table.roles = {columns.text.name, columns.text_b.name, columns.label.name, columns.id.name};
  const auto mapped = [&](const std::string& key) {
    return !key.empty() && (key == columns.text.name || key == columns.text_b.name || key == columns.label.name ||
                            key == columns.id.name);
  };

  for (std::size_t index = 0; index < source.lineCount(); ++index) {
    const std::string_view line = source.line(index);
    if (isBlank(line)) continue;
    ++table.rows;
    const std::size_t number = index + 1;
    JsonLine object;
    try {
      object = parseJsonLine(line);
    } catch (const JsonLineError& error) {
      const std::size_t column = characterCount(line.substr(0, error.byte() > 0 ? error.byte() - 1 : 0)) + 1;
      issues.add(number, column, std::string("invalid JSON: ") + error.what());
      continue;
    }
    if (object.type != "object") {
      issues.add(number, 1, "expected a JSON object, found " + object.type);
      continue;
    }
    for (const auto& field : object.fields) {
      if (isColumn(field) && std::find(table.columns.begin(), table.columns.end(), field.key) == table.columns.end()) {
        table.columns.push_back(field.key);
      }
    }
    LineMapper mapper(line, number, object, issues);
    MappedRow row;
    row.line = number;
    row.text = mapper.read(columns.text, false);
    row.text_b = mapper.read(columns.text_b, false);
    row.label = mapper.read(columns.label, true);
    row.id = mapper.read(columns.id, true);
    if (mapper.failed()) continue;
    for (auto& field : object.fields) {
      if (isColumn(field) && !mapped(field.key)) row.other_columns.push_back({field.key, std::move(field.text)});
    }
    builder.add(std::move(row));
  }
  return table;
}

}  // namespace pwb::data
