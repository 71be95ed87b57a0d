#pragma once
// Splits CSV/TSV text into records. With quoting on it follows RFC 4180: a field that starts
// with '"' runs to the matching '"', may hold delimiters and line breaks, and "" stands for
// one '"'; a '"' inside an unquoted field is kept as an ordinary character (as most readers
// do). With quoting off a field simply ends at the delimiter or the line end. Records end at
// "\n" or "\r\n"; empty lines are skipped.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "data/issue_log.h"
#include "data/source_text.h"

namespace pwb::data {

struct Cell {
  std::string value;
  std::size_t offset = 0;  // byte offset of the field's first character (its opening quote)
};

struct Record {
  std::vector<Cell> cells;
  std::size_t offset = 0;  // byte offset where the record starts
  std::size_t end = 0;     // byte offset of its line break (or of the end of the file)
  bool broken = false;     // a quoting problem was reported for it: its cells are unreliable
};

class DelimitedReader {
 public:
  DelimitedReader(const SourceText& source, char delimiter, bool quoted, IssueLog& issues);

  // False at the end of the text.
  bool next(Record& record);

 private:
  bool atLineEnd(std::size_t at) const;
  void skipLineEnd();
  void readPlain(Cell& cell);
  void readQuoted(Cell& cell, Record& record);
  void report(std::size_t offset, std::string message);

  const SourceText& source_;
  std::string_view text_;
  char delimiter_;
  bool quoted_;
  IssueLog& issues_;
  std::size_t pos_ = 0;
};

}  // namespace pwb::data
