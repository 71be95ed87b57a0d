#pragma once
// CSV/TSV rows through the column mapping into examples.

#include <cstddef>

#include "data/example_builder.h"
#include "data/import_options.h"
#include "data/issue_log.h"
#include "data/source_text.h"

namespace pwb::data {

// Every column that is not mapped goes into the examples' other columns, named by the header
// (or positionalColumnName without one).
ImportedTable importDelimited(const SourceText& source, char delimiter, bool quoted, const ImportOptions& options,
                            ExampleBuilder& builder, IssueLog& issues);

}  // namespace pwb::data
