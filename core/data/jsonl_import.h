#pragma once
// JSON Lines rows (one JSON object per line) through the column mapping into examples.

#include <cstddef>

#include "data/example_builder.h"
#include "data/import_options.h"
#include "data/issue_log.h"
#include "data/source_text.h"

namespace pwb::data {

// Text, text_b and id must be JSON strings; a label a string or an integer (1 reads as "1").
// Returns the number of non-blank lines read.
std::size_t importJsonl(const SourceText& source, const ImportOptions& options, ExampleBuilder& builder,
                        IssueLog& issues);

}  // namespace pwb::data
