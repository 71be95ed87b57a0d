// The wide per-example comparison of several runs (declared in csv_tables.h).

#include <map>
#include <stdexcept>
#include <utility>

#include "store/csv_tables.h"

namespace pwb::store {

CsvTable comparisonTable(const ExperimentStore& store, const std::vector<RunRecord>& runs) {
  constexpr std::size_t kFixed = 3;  // split, example_id, gold
  CsvTable table;
  table.header = {"split", "example_id", "gold"};
  for (const auto& run : runs) {
    table.header.push_back("run" + std::to_string(run.id) + "/predicted");
    table.header.push_back("run" + std::to_string(run.id) + "/correct");
  }
  std::map<std::pair<std::string, std::string>, std::size_t> row_of;
  std::vector<std::int64_t> gold_from;  // per row: the run whose prediction created it
  for (std::size_t r = 0; r < runs.size(); ++r) {
    for (const auto& p : store.predictions(runs[r].id)) {
      const auto [found, created] = row_of.try_emplace({p.split, p.example_id}, table.rows.size());
      if (created) {
        auto& row = table.rows.emplace_back(table.header.size());
        row[0] = p.split;
        row[1] = p.example_id;
        row[2] = p.gold;
        gold_from.push_back(runs[r].id);
      }
      auto& row = table.rows[found->second];
      if (row[2] != p.gold) {
        throw std::runtime_error("runs " + std::to_string(gold_from[found->second]) + " and " +
                                 std::to_string(runs[r].id) + " disagree on the gold label of example '" +
                                 p.example_id + "' (" + p.split + "): '" + row[2] + "' and '" + p.gold +
                                 "'; they were not evaluated on the same data");
      }
      row[kFixed + 2 * r] = p.predicted;
      row[kFixed + 2 * r + 1] = p.correct ? "1" : "0";
    }
  }
  return table;
}

}  // namespace pwb::store
