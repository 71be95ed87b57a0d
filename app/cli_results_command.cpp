#include "cli_results_command.h"

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "adapt/method_counts.h"
#include "cli_common.h"
#include "experiment/experiment_results.h"

namespace pwb::cli {
namespace {

std::string count(const std::optional<std::int64_t>& value) { return value ? adapt::withThousands(*value) : "?"; }

std::string accuracyText(const experiment::RunResult& r) {
  if (!r.accuracy) return "-";
  return fixed(r.accuracy->estimate, 3) + " [" + fixed(r.accuracy->lower, 3) + ", " + fixed(r.accuracy->upper, 3) + "]";
}

nlohmann::json optionalJson(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json resultsJson(const store::ExperimentStore& store, std::int64_t experiment_id) {
  const auto results = experiment::experimentResults(store, experiment_id);
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& r : results) {
    runs.push_back({{"run_id", r.run_id},
                    {"name", r.name},
                    {"method", r.method},
                    {"model", r.model},
                    {"status", store::toString(r.status)},
                    {"seed", optionalJson(r.seed)},
                    {"train_size", optionalJson(r.train_size)},
                    {"examples", r.examples},
                    {"accuracy", r.accuracy ? nlohmann::json(r.accuracy->estimate) : nlohmann::json(nullptr)},
                    {"accuracy_ci95", r.accuracy ? nlohmann::json({r.accuracy->lower, r.accuracy->upper}) : nlohmann::json(nullptr)},
                    {"trainable_params", optionalJson(r.trainable_params)},
                    {"total_params", optionalJson(r.total_params)},
                    {"peak_memory_bytes", optionalJson(r.peak_memory_bytes)},
                    {"seconds", r.seconds ? nlohmann::json(*r.seconds) : nlohmann::json(nullptr)}});
  }
  nlohmann::json pareto = nlohmann::json::array();
  for (const auto& p : experiment::paretoPoints(results)) {
    pareto.push_back({{"label", p.label}, {"method", p.method}, {"trainable_params", p.trainable_params},
                      {"accuracy", p.accuracy}, {"design", p.design}, {"on_front", p.on_front}});
  }
  nlohmann::json efficiency = nlohmann::json::array();
  for (const auto& e : experiment::dataEfficiency(results)) {
    efficiency.push_back({{"series", e.series}, {"train_size", e.train_size}, {"seeds", e.accuracy.count},
                          {"mean", e.accuracy.mean}, {"min", e.accuracy.min}, {"max", e.accuracy.max}});
  }
  return {{"experiment_id", experiment_id}, {"runs", runs}, {"pareto", pareto}, {"data_efficiency", efficiency}};
}

std::int64_t latestExperiment(const store::ExperimentStore& store) {
  const auto experiments = store.experiments();
  if (experiments.empty()) throw std::runtime_error(store.file().string() + ": no experiment has run with this database");
  return experiments.back().id;
}

}  // namespace

void printExperimentResults(const store::ExperimentStore& store, std::int64_t experiment_id) {
  const auto experiment = store.experiment(experiment_id);
  if (!experiment) throw std::invalid_argument("no experiment with id " + std::to_string(experiment_id));
  const auto results = experiment::experimentResults(store, experiment_id);
  std::cout << "experiment " << experiment_id << ": " << experiment->name << " (" << results.size() << " runs)\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"run", "name", "method", "status", "examples", "accuracy [95% CI]", "trainable", "time", "peak memory"}};
  for (const auto& r : results) {
    rows.push_back({std::to_string(r.run_id), oneLine(r.name), r.method, store::toString(r.status),
                    std::to_string(r.examples), accuracyText(r), count(r.trainable_params),
                    r.seconds ? fixed(*r.seconds, 1) + " s" : "-",
                    r.peak_memory_bytes ? fixed(static_cast<double>(*r.peak_memory_bytes) / (1 << 20), 0) + " MiB" : "-"});
  }
  printTable(rows);

  const auto pareto = experiment::paretoPoints(results);
  if (!pareto.empty()) {
    std::cout << "\naccuracy against trainable parameters (* on the Pareto front):\n";
    std::vector<std::vector<std::string>> pareto_rows = {{"", "run", "trainable", "accuracy"}};
    for (const auto& p : pareto) {
      pareto_rows.push_back({p.on_front ? "  *" : "", oneLine(p.label), count(p.trainable_params), fixed(p.accuracy, 3)});
    }
    printTable(pareto_rows);
  }
  const auto efficiency = experiment::dataEfficiency(results);
  if (!efficiency.empty()) {
    std::cout << "\ndata efficiency (accuracy over seeds):\n";
    std::vector<std::vector<std::string>> rows_e = {{"  series", "train size", "seeds", "mean", "min", "max"}};
    for (const auto& e : efficiency) {
      rows_e.push_back({"  " + oneLine(e.series), std::to_string(e.train_size), std::to_string(e.accuracy.count),
                        fixed(e.accuracy.mean, 3), fixed(e.accuracy.min, 3), fixed(e.accuracy.max, 3)});
    }
    printTable(rows_e);
  }
}

void addResultsCommand(CLI::App& app, const std::string& database) {
  auto experiment_id = std::make_shared<std::int64_t>(0);
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("results", "An experiment's results: accuracy with 95% CI, parameters, time, Pareto front");
  cmd->add_option("experiment", *experiment_id, "Experiment id (default: the latest)");
  cmd->add_flag("--json", *json, "Print the results as JSON");
  cmd->callback([&database, experiment_id, json] {
    const store::ExperimentStore store(existingDatabase(database));
    const auto id = *experiment_id > 0 ? *experiment_id : latestExperiment(store);
    if (*json) {
      std::cout << resultsJson(store, id).dump(2) << "\n";
    } else {
      printExperimentResults(store, id);
    }
  });
}

}  // namespace pwb::cli
