#include "data/delimited_import.h"

#include <optional>
#include <string>
#include <vector>

#include "data/delimited_reader.h"
#include "data/quoted_list.h"

namespace pwb::data {
namespace {

constexpr std::size_t kUnmapped = static_cast<std::size_t>(-1);

// Field positions of the mapped columns within a record.
struct Positions {
  std::size_t text = kUnmapped;
  std::size_t text_b = kUnmapped;
  std::size_t label = kUnmapped;
  std::size_t id = kUnmapped;
};

class ColumnResolver {
 public:
  // header: the column names, or none for a headerless file; width: fields per record.
  ColumnResolver(const std::optional<std::vector<std::string>>& header, std::size_t width, std::size_t line,
                 IssueLog& issues)
      : header_(header), width_(width), line_(line), issues_(issues) {}

  std::size_t resolve(const Column& column) {
    if (!column.mapped()) return kUnmapped;
    if (column.by_index) {
      if (column.index < width_) return column.index;
      fail("there is no column at index " + std::to_string(column.index) + ": the " +
           (header_ ? std::string("header") : std::string("first row")) + " has " + std::to_string(width_) +
           " columns");
      return kUnmapped;
    }
    if (!header_) {
      fail("column " + column.describe() + " is named, but the file has no header row: map columns by index");
      return kUnmapped;
    }
    std::vector<std::size_t> found;
    for (std::size_t i = 0; i < header_->size(); ++i) {
      if ((*header_)[i] == column.name) found.push_back(i);
    }
    if (found.empty()) {
      fail("no column " + column.describe() + " in the header; the columns are " + quotedList(*header_));
    } else if (found.size() > 1) {
      fail("column " + column.describe() + " appears more than once in the header (index " +
           std::to_string(found[0]) + " and index " + std::to_string(found[1]) + ")");
    } else {
      return found.front();
    }
    return kUnmapped;
  }

  bool failed() const { return failed_; }

 private:
  void fail(std::string message) {
    failed_ = true;
    issues_.add(line_, 1, std::move(message));
  }

  const std::optional<std::vector<std::string>>& header_;
  std::size_t width_;
  std::size_t line_;
  IssueLog& issues_;
  bool failed_ = false;
};

Field fieldAt(const SourceText& source, const Record& record, std::size_t position) {
  if (position == kUnmapped) return {};
  const Cell& cell = record.cells[position];
  return {cell.value, source.position(cell.offset)};
}

}  // namespace

ImportedTable importDelimited(const SourceText& source, char delimiter, bool quoted, const ImportOptions& options,
                              ExampleBuilder& builder, IssueLog& issues) {
  DelimitedReader reader(source, delimiter, quoted, issues);
  Record record;
  ImportedTable table;
  if (!reader.next(record)) return table;
  // Without a good first record there is nothing to map the columns against.
  if (record.broken) return table;

  std::optional<std::vector<std::string>> header;
  if (options.header) {
    header.emplace();
    for (const Cell& cell : record.cells) header->push_back(cell.value);
  }
  const std::size_t width = record.cells.size();
  const std::size_t first_line = source.position(record.offset).line;
  ColumnResolver resolver(header, width, first_line, issues);
  Positions positions;
  positions.text = resolver.resolve(options.columns.text);
  positions.text_b = resolver.resolve(options.columns.text_b);
  positions.label = resolver.resolve(options.columns.label);
  positions.id = resolver.resolve(options.columns.id);
  if (resolver.failed()) return table;

  for (std::size_t i = 0; i < width; ++i) table.columns.push_back(header ? (*header)[i] : positionalColumnName(i));
  const auto nameAt = [&](std::size_t position) {
    return position == kUnmapped ? std::string() : table.columns[position];
  };
  table.roles = {nameAt(positions.text), nameAt(positions.text_b), nameAt(positions.label), nameAt(positions.id)};
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < width; ++i) {
    if (i != positions.text && i != positions.text_b && i != positions.label && i != positions.id) others.push_back(i);
  }

  const std::string expected = std::to_string(width) + (width == 1 ? " field" : " fields") +
                               (header ? " as in the header" : " as in the first row");
  bool have_record = !options.header;  // a headerless file's first record is data
  while (have_record || reader.next(record)) {
    have_record = false;
    ++table.rows;
    if (record.broken) continue;
    const std::size_t count = record.cells.size();
    if (count != width) {
      const std::size_t where = count > width ? record.cells[width].offset : record.end;
      const TextPosition at = source.position(where);
      issues.add(at.line, at.column, "expected " + expected + ", found " + std::to_string(count));
      continue;
    }
    MappedRow row;
    row.line = source.position(record.offset).line;
    row.text = fieldAt(source, record, positions.text);
    row.text_b = fieldAt(source, record, positions.text_b);
    row.label = fieldAt(source, record, positions.label);
    row.id = fieldAt(source, record, positions.id);
    for (const auto position : others) {
      row.other_columns.push_back({table.columns[position], record.cells[position].value});
    }
    builder.add(std::move(row));
  }
  return table;
}

}  // namespace pwb::data
