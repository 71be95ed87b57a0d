#pragma once
// Exports what the store holds as a CSV file (layouts in csv_tables.h).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "store/experiment_store.h"

namespace pwb::store {

enum class ExportKind { Runs, Metrics, Predictions, Comparison };

// run_ids empty: every run (for a comparison, every run that stored predictions); otherwise
// those runs in that order (std::invalid_argument for an unknown id). Writes `out` atomically;
// throws std::runtime_error naming it when it cannot be written. Returns the data rows written.
std::size_t exportCsv(const ExperimentStore& store, ExportKind what, const std::vector<std::int64_t>& run_ids,
                      const std::filesystem::path& out);

}  // namespace pwb::store
