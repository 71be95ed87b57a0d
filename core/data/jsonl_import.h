#pragma once
// JSON Lines rows (one JSON object per line) through the column mapping into examples.

#include <cstddef>

#include "data/example_builder.h"
#include "data/import_options.h"
#include "data/issue_log.h"
#include "data/source_text.h"

namespace pwb::data {

// Text and text_b must be JSON strings; a label or id a string or an integer (1 reads as "1").
// Every other top-level field whose value is a string, number, boolean or null goes into the
// examples' other columns (objects and arrays are left out). The table's rows count the
// non-blank lines.
ImportedTable importJsonl(const SourceText& source, const ImportOptions& options, ExampleBuilder& builder,
                          IssueLog& issues);

}  // namespace pwb::data
