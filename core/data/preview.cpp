#include "data/preview.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "data/delimited_reader.h"
#include "data/import.h"
#include "data/issue_log.h"
#include "data/json_line.h"
#include "data/source_text.h"

namespace pwb::data {
namespace {

void previewDelimited(const SourceText& source, char delimiter, bool quoted, bool header, std::size_t max_rows,
                      FilePreview& preview) {
  IssueLog ignored(0);  // the import reports problems; a preview shows what is there
  DelimitedReader reader(source, delimiter, quoted, ignored);
  Record record;
  bool first = true;
  std::size_t width = 0;
  while (preview.rows.size() < max_rows && reader.next(record)) {
    std::vector<std::string> cells;
    for (const auto& cell : record.cells) cells.push_back(cell.value);
    width = std::max(width, cells.size());
    if (first && header) {
      preview.columns = std::move(cells);
    } else {
      preview.rows.push_back({source.position(record.offset).line, std::move(cells)});
    }
    first = false;
  }
  if (!header) {
    preview.columns_are_names = false;
    for (std::size_t i = 0; i < width; ++i) preview.columns.push_back(positionalColumnName(i));
  }
}

// A line's fields as the import reads them (in the line's order, numbers as written); an
// object or array, which the import leaves out, is shown as compact JSON.
JsonLine previewFields(std::string_view line) {
  JsonLine fields;
  try {
    fields = parseJsonLine(line);
  } catch (const JsonLineError&) {
    return {};  // shown empty; the import names the problem
  }
  if (fields.type != "object") return {};
  std::optional<nlohmann::json> whole;  // parsed only for a line with nested values
  for (auto& field : fields.fields) {
    if (field.type != "object" && field.type != "array") continue;
    if (!whole) whole = nlohmann::json::parse(line.begin(), line.end());
    field.text = whole->at(field.key).dump();
  }
  return fields;
}

void previewJsonl(const SourceText& source, std::size_t max_rows, FilePreview& preview) {
  std::vector<JsonLine> objects;
  std::vector<std::size_t> lines;
  for (std::size_t i = 0; i < source.lineCount() && objects.size() < max_rows; ++i) {
    const auto line = source.line(i);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto fields = previewFields(line);
    for (const auto& field : fields.fields) {
      if (std::find(preview.columns.begin(), preview.columns.end(), field.key) == preview.columns.end()) {
        preview.columns.push_back(field.key);
      }
    }
    objects.push_back(std::move(fields));
    lines.push_back(i + 1);
  }
  for (std::size_t r = 0; r < objects.size(); ++r) {
    PreviewRow row{lines[r], {}};
    for (const auto& key : preview.columns) {
      const auto& fields = objects[r].fields;
      const auto found = std::find_if(fields.begin(), fields.end(), [&](const JsonField& f) { return f.key == key; });
      row.cells.push_back(found == fields.end() ? std::string() : found->text);
    }
    preview.rows.push_back(std::move(row));
  }
}

}  // namespace

FilePreview previewFile(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows) {
  FilePreview preview;
  preview.format = resolveFormat(file, options.format);
  if (preview.format == Format::Auto) {
    throw std::runtime_error(file.string() + ": cannot tell the format from the name: choose CSV, TSV or JSONL");
  }
  const SourceText source(readFileBytes(file));
  if (preview.format == Format::Jsonl) {
    previewJsonl(source, max_rows, preview);
  } else {
    const bool quoted = options.quoting == Quoting::Rfc4180 ||
                        (options.quoting == Quoting::FormatDefault && preview.format == Format::Csv);
    previewDelimited(source, preview.format == Format::Csv ? ',' : '\t', quoted, options.header, max_rows, preview);
  }
  return preview;
}

}  // namespace pwb::data
