#pragma once
// How to read a data file: its format, quoting, header and which columns hold what. Torch-free.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace pwb::data {

enum class Format {
  Auto,   // from the extension: .csv, .tsv / .tab, .jsonl / .ndjson
  Csv,
  Tsv,
  Jsonl,  // one JSON object per line; blank lines are skipped
};

enum class Quoting {
  FormatDefault,  // RFC 4180 for CSV; none for TSV (the convention of the shared data)
  Rfc4180,        // "..." fields may hold delimiters and newlines; "" is a quote
  None,           // a '"' is an ordinary character; fields end at the delimiter or the line end
};

// A column by its header name (or JSONL key), or by its 0-based position for files without a
// header. A default-constructed Column means "not mapped".
struct Column {
  Column() = default;
  // Implicit, so that a mapping reads like `mapping.text = "sentence";`.
  Column(std::string column_name) : name(std::move(column_name)) {}
  Column(const char* column_name) : name(column_name) {}
  static Column at(std::size_t position) {
    Column column;
    column.index = position;
    column.by_index = true;
    return column;
  }

  bool mapped() const { return by_index || !name.empty(); }
  // For messages: "label" in quotes, or "index 2".
  std::string describe() const { return by_index ? "index " + std::to_string(index) : '"' + name + '"'; }

  std::string name;
  std::size_t index = 0;
  bool by_index = false;
};

struct ColumnMapping {
  Column text = "text";
  Column text_b;  // optional second text (sentence pairs)
  Column label = "label";
  Column id;      // optional; unmapped, an example's id is its line number
};

struct ImportOptions {
  Format format = Format::Auto;
  Quoting quoting = Quoting::FormatDefault;
  bool header = true;  // CSV/TSV: the first row names the columns
  ColumnMapping columns;
  // When given, every label must be one of these, and Dataset::labels is this list in this
  // order; otherwise the labels found are sorted (see labels.h).
  std::vector<std::string> label_set;
  std::string name;  // Dataset::name; the file's stem when empty
  std::size_t max_issues = 100;  // problems kept for DatasetError::issues() (all are counted)
};

}  // namespace pwb::data
