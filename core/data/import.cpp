#include "data/import.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "data/delimited_import.h"
#include "data/example_builder.h"
#include "data/issue_log.h"
#include "data/jsonl_import.h"
#include "data/labels.h"
#include "data/source_text.h"
#include "data/utf8_check.h"

namespace pwb::data {
namespace {

std::string lowerCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return text;
}

}  // namespace

Format resolveFormat(const std::filesystem::path& file, Format format) {
  if (format != Format::Auto) return format;
  const std::string extension = lowerCase(file.extension().string());
  if (extension == ".csv") return Format::Csv;
  if (extension == ".tsv" || extension == ".tab") return Format::Tsv;
  if (extension == ".jsonl" || extension == ".ndjson") return Format::Jsonl;
  return Format::Auto;
}

namespace {

void checkUtf8(const SourceText& source, IssueLog& issues) {
  const std::string& bytes = source.bytes();
  for (std::size_t at = findInvalidUtf8(bytes); at != std::string::npos;) {
    const TextPosition where = source.position(at);
    static const char* const kHex = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(bytes[at]);
    issues.add(where.line, where.column,
               std::string("invalid UTF-8 (byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF] +
                   "); the file may be in another encoding such as Latin-1 or Windows-1252: save it as UTF-8");
    // One problem per line is enough to mark it.
    const std::size_t line_end = bytes.find('\n', at);
    at = line_end == std::string::npos ? std::string::npos : findInvalidUtf8(bytes, line_end + 1);
  }
}

void checkLabelSet(const std::vector<std::string>& labels) {
  const std::set<std::string> distinct(labels.begin(), labels.end());
  if (distinct.size() != labels.size()) throw std::invalid_argument("the label set names a label twice");
}

}  // namespace

Dataset importDataset(const std::filesystem::path& file, const ImportOptions& options) {
  checkLabelSet(options.label_set);
  IssueLog issues(options.max_issues);
  const Format format = resolveFormat(file, options.format);
  if (format == Format::Auto) {
    issues.add(0, 0, "cannot tell the format from the name \"" + file.filename().string() +
                         "\": choose CSV, TSV or JSONL (or use .csv, .tsv, .jsonl)");
    throw issues.error(file);
  }

  std::string bytes;
  try {
    bytes = readFileBytes(file);
  } catch (const std::runtime_error& error) {
    issues.add(0, 0, error.what());
    throw issues.error(file);
  }
  const SourceText source(std::move(bytes));
  checkUtf8(source, issues);
  if (!issues.empty()) throw issues.error(file);

  ExampleBuilder builder(options, format == Format::Jsonl ? "field" : "column", issues);
  ImportedTable table;
  if (format == Format::Jsonl) {
    table = importJsonl(source, options, builder, issues);
  } else {
    const bool quoted = options.quoting == Quoting::Rfc4180 ||
                        (options.quoting == Quoting::FormatDefault && format == Format::Csv);
    table = importDelimited(source, format == Format::Csv ? ',' : '\t', quoted, options, builder, issues);
  }
  if (table.rows == 0 && issues.empty()) issues.add(0, 0, "the file has no data rows");
  if (!issues.empty()) throw issues.error(file);

  Dataset dataset;
  dataset.name = options.name.empty() ? file.stem().string() : options.name;
  dataset.examples = builder.take();
  dataset.labels = options.label_set.empty() ? discoverLabels(dataset.examples) : options.label_set;
  dataset.columns = std::move(table.columns);
  dataset.roles = std::move(table.roles);
  return dataset;
}

}  // namespace pwb::data
