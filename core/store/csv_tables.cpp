#include "store/csv_tables.h"

#include <map>
#include <set>

namespace pwb::store {
namespace {

std::string optionalField(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string();
}

std::map<std::int64_t, std::string> experimentNames(const ExperimentStore& store) {
  std::map<std::int64_t, std::string> names;
  for (const auto& experiment : store.experiments()) names[experiment.id] = experiment.name;
  return names;
}

}  // namespace

CsvTable runsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs) {
  std::vector<std::map<std::string, double>> finals;
  std::set<std::string> metric_columns;
  for (const auto& run : runs) {
    auto& final_values = finals.emplace_back();
    for (const auto& summary : store.metricSummaries(run.id)) {
      const auto column = summary.split + "/" + summary.name;
      final_values[column] = summary.last_value;
      metric_columns.insert(column);
    }
  }
  CsvTable table;
  table.header = {"id",           "experiment_id",    "experiment",   "name",         "kind",
                  "status",       "message",          "seed",         "created_at",   "started_at",
                  "finished_at",  "trainable_params", "total_params", "peak_memory_bytes", "code_version"};
  table.header.insert(table.header.end(), metric_columns.begin(), metric_columns.end());
  const auto experiments = experimentNames(store);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& run = runs[i];
    const auto experiment = run.experiment_id ? experiments.at(*run.experiment_id) : std::string();
    std::vector<std::string> row = {std::to_string(run.id),
                                    optionalField(run.experiment_id),
                                    experiment,
                                    run.name,
                                    run.kind,
                                    toString(run.status),
                                    run.message,
                                    optionalField(run.seed),
                                    run.created_at,
                                    run.started_at,
                                    run.finished_at,
                                    optionalField(run.trainable_params),
                                    optionalField(run.total_params),
                                    optionalField(run.peak_memory_bytes),
                                    run.code_version};
    for (const auto& column : metric_columns) {
      const auto found = finals[i].find(column);
      row.push_back(found != finals[i].end() ? csvNumber(found->second) : std::string());
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

CsvTable metricsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs) {
  CsvTable table;
  table.header = {"run_id", "split", "name", "step", "value", "wall_seconds", "tokens_seen"};
  for (const auto& run : runs) {
    for (const auto& point : store.metrics(run.id)) {
      table.rows.push_back({std::to_string(run.id), point.split, point.name, std::to_string(point.step),
                            csvNumber(point.value), csvNumber(point.wall_seconds), std::to_string(point.tokens_seen)});
    }
  }
  return table;
}

CsvTable predictionsTable(const ExperimentStore& store, const std::vector<RunRecord>& runs) {
  std::vector<std::pair<std::int64_t, std::vector<PredictionRecord>>> stored;
  std::set<std::string> labels;
  for (const auto& run : runs) {
    stored.emplace_back(run.id, store.predictions(run.id));
    for (const auto& prediction : stored.back().second) {
      for (const auto& score : prediction.scores) labels.insert(score.first);
    }
  }
  CsvTable table;
  table.header = {"run_id", "split", "example_id", "gold", "predicted", "correct"};
  for (const auto& label : labels) table.header.push_back("score/" + label);
  table.header.push_back("rationale");
  for (const auto& [run_id, predictions] : stored) {
    for (const auto& p : predictions) {
      std::vector<std::string> row = {std::to_string(run_id), p.split,     p.example_id,
                                      p.gold,                 p.predicted, p.correct ? "1" : "0"};
      for (const auto& label : labels) {
        const auto found = p.scores.find(label);
        row.push_back(found != p.scores.end() ? csvNumber(found->second) : std::string());
      }
      row.push_back(p.rationale);
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

}  // namespace pwb::store
