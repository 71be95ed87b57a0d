#pragma once
// The checks every row passes, whatever its file format, and the Example it becomes.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "data/dataset.h"
#include "data/import_options.h"
#include "data/issue_log.h"
#include "data/source_text.h"

namespace pwb::data {

struct Field {
  std::string value;
  TextPosition at;
};

// One row's mapped fields; text_b and id are read only when the mapping names them.
struct MappedRow {
  std::size_t line = 0;
  Field text;
  Field text_b;
  Field label;
  Field id;
  std::vector<ColumnValue> other_columns;  // every unmapped column, in file order
};

// What an importer read besides the rows' examples.
struct ImportedTable {
  std::size_t rows = 0;  // data rows read, the header not counted
  std::vector<std::string> columns;  // Dataset::columns
  ColumnRoles roles;
};

class ExampleBuilder {
 public:
  // column_noun names a column in messages: "column" for CSV/TSV, "field" for JSONL.
  ExampleBuilder(const ImportOptions& options, std::string column_noun, IssueLog& issues);

  // Reports every problem of the row; keeps the row only when it has none.
  void add(MappedRow row);
  std::vector<Example> take() { return std::move(examples_); }

 private:
  void report(const Field& field, std::string message);

  const ColumnMapping& columns_;
  std::string noun_;
  IssueLog& issues_;
  std::vector<std::string> allowed_labels_;
  std::unordered_set<std::string> allowed_;
  std::unordered_map<std::string, std::size_t> id_lines_;
  std::vector<Example> examples_;
};

}  // namespace pwb::data
