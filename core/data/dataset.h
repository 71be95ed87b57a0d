#pragma once
// A labelled text-classification dataset as the engine sees it. Torch-free.

#include <cstddef>
#include <string>
#include <vector>

namespace pwb::data {

// A column of the row that is not mapped to the text, second text, label or id.
struct ColumnValue {
  std::string name;
  std::string value;  // as written; a JSONL number as in the file, true/false, null as empty
};

struct Example {
  std::string id;      // the id column's value, else the line number of the row in its file
  std::string text;
  std::string text_b;  // second text of a pair; empty when the dataset has none
  std::string label;
  std::size_t source_line = 0;  // 1-based line where the row starts in its file
  std::vector<ColumnValue> other_columns;  // in file order; a JSONL row lacking a field lacks it here
};

// The value of one of the example's other columns, or null when it has none of that name.
inline const std::string* otherColumn(const Example& example, const std::string& name) {
  for (const auto& column : example.other_columns) {
    if (column.name == name) return &column.value;
  }
  return nullptr;
}

// The names of the file's columns that hold each field; empty when the field is not mapped.
struct ColumnRoles {
  std::string text;
  std::string text_b;
  std::string label;
  std::string id;
};

struct Dataset {
  std::string name;
  std::vector<Example> examples;
  std::vector<std::string> labels;  // the class order: every example's label is one of these
  // Every column of the file in file order: the header's names, JSONL's keys (string, number,
  // boolean or null values) in order of first appearance, or positionalColumnName(i) without
  // a header.
  std::vector<std::string> columns;
  ColumnRoles roles;
};

// A column's name in a file without a header: "column 0", "column 1", ... (the index a mapping uses).
inline std::string positionalColumnName(std::size_t index) { return "column " + std::to_string(index); }

}  // namespace pwb::data
