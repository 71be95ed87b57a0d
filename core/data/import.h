#pragma once
// Importing a labelled dataset from a CSV, TSV or JSONL file. Torch-free.
//
// The file must be UTF-8 (a byte order mark is skipped). Every problem is collected and
// reported together in one DatasetError, with its line and column:
//   - invalid UTF-8 (one per line; the check stops there, since the rest would be noise),
//   - bad quoting: an unterminated quote, text after a closing quote,
//   - a row with more or fewer fields than the header (or the first row, without a header),
//   - a mapped column missing from the header (the message lists the columns present),
//   - an invalid JSON line, a JSONL value that is not an object, a missing or mistyped field,
//   - empty text, a missing or empty label, an unknown label (when a label set is given),
//     an empty or duplicate id (when an id column is mapped),
//   - no data rows at all.
// A file that cannot be read is a DatasetError too (line 0).

#include <filesystem>

#include "data/dataset.h"
#include "data/dataset_error.h"
#include "data/import_options.h"

namespace pwb::data {

// Format::Auto -> the format the file's extension names; Format::Auto again when it names none.
Format resolveFormat(const std::filesystem::path& file, Format format);

Dataset importDataset(const std::filesystem::path& file, const ImportOptions& options = {});

}  // namespace pwb::data
