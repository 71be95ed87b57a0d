#include "store/csv_export.h"

#include <stdexcept>

#include "store/atomic_file.h"
#include "store/csv_tables.h"

namespace pwb::store {
namespace {

std::vector<RunRecord> selectRuns(const ExperimentStore& store, ExportKind what,
                                  const std::vector<std::int64_t>& run_ids) {
  std::vector<RunRecord> runs;
  if (run_ids.empty()) {
    for (auto& run : store.runs()) {
      // A comparison column for a run without predictions would only be empty.
      if (what != ExportKind::Comparison || !store.predictions(run.id).empty()) runs.push_back(std::move(run));
    }
    return runs;
  }
  for (const auto id : run_ids) {
    auto run = store.run(id);
    if (!run) throw std::invalid_argument("no run with id " + std::to_string(id));
    runs.push_back(std::move(*run));
  }
  return runs;
}

CsvTable buildTable(const ExperimentStore& store, ExportKind what, const std::vector<RunRecord>& runs) {
  switch (what) {
    case ExportKind::Runs: return runsTable(store, runs);
    case ExportKind::Metrics: return metricsTable(store, runs);
    case ExportKind::Predictions: return predictionsTable(store, runs);
    case ExportKind::Comparison: return comparisonTable(store, runs);
  }
  throw std::invalid_argument("unknown export kind");
}

}  // namespace

std::size_t exportCsv(const ExperimentStore& store, ExportKind what, const std::vector<std::int64_t>& run_ids,
                      const std::filesystem::path& out) {
  const auto table = buildTable(store, what, selectRuns(store, what, run_ids));
  writeFileAtomically(out, formatCsv(table));
  return table.rows.size();
}

}  // namespace pwb::store
