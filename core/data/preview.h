#pragma once
// The first rows of a data file as cells, for an import dialog's preview: what the file holds,
// before any column is mapped. Problems in the content do not stop a preview (the import
// reports them by line, and the dialog marks those rows). Torch-free.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "data/import_options.h"

namespace pwb::data {

struct PreviewRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> cells;
};

struct FilePreview {
  Format format = Format::Auto;      // resolved
  // Header names; for JSONL the keys in order of first appearance; without a header,
  // "column 0", "column 1", ... (the index a mapping uses).
  std::vector<std::string> columns;
  bool columns_are_names = true;     // false: map by index
  std::vector<PreviewRow> rows;      // at most max_rows data rows
};

// Throws std::runtime_error naming the file when it cannot be read or its format is unknown.
FilePreview previewFile(const std::filesystem::path& file, const ImportOptions& options, std::size_t max_rows = 200);

}  // namespace pwb::data
