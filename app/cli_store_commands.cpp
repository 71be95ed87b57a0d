#include "cli_store_commands.h"

#include <iostream>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "store/csv_export.h"
#include "store/experiment_store.h"

namespace pwb::cli {
namespace {

const std::map<std::string, store::ExportKind> kExportKinds = {{"runs", store::ExportKind::Runs},
                                                               {"metrics", store::ExportKind::Metrics},
                                                               {"predictions", store::ExportKind::Predictions},
                                                               {"comparison", store::ExportKind::Comparison}};

struct ExportArgs {
  std::string what;
  std::vector<std::int64_t> runs;
  std::string out;
};

// "2024-05-01T10:00:00.123Z" -> "2024-05-01 10:00:00" (UTC, as stored).
std::string shortTime(const std::string& iso) {
  if (iso.size() < 19) return iso;
  auto text = iso.substr(0, 19);
  text[10] = ' ';
  return text;
}

std::string orUnknown(const std::optional<std::int64_t>& value) {
  return value ? std::to_string(*value) : std::string("unknown");
}

void listRuns(const std::string& database) {
  store::ExperimentStore store(existingDatabase(database));
  std::vector<std::vector<std::string>> rows = {{"id", "name", "kind", "status", "created (UTC)", "train loss"}};
  for (const auto& run : store.runs()) {
    std::string loss;
    for (const auto& summary : store.metricSummaries(run.id)) {
      if (summary.split == "train" && summary.name == "loss") loss = fixed(summary.last_value, 4);
    }
    rows.push_back({std::to_string(run.id), oneLine(run.name), run.kind, store::toString(run.status),
                    shortTime(run.created_at), loss});
  }
  if (rows.size() == 1) {
    std::cout << "no runs in " << store.file().string() << "\n";
    return;
  }
  printTable(rows);
}

std::string prettyJson(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  return json.is_discarded() ? text : json.dump(2);
}

void showRun(const std::string& database, std::int64_t run_id) {
  store::ExperimentStore store(existingDatabase(database));
  const auto run = store.run(run_id);
  if (!run) throw std::invalid_argument("no run with id " + std::to_string(run_id) + " in " + store.file().string());
  std::cout << "run " << run->id << ": " << run->name << " (" << run->kind << ")\n";
  std::cout << "status:       " << store::toString(run->status) << (run->message.empty() ? "" : ": " + run->message)
            << "\n";
  if (run->experiment_id) {
    const auto experiment = store.experiment(*run->experiment_id);
    std::cout << "experiment:   " << *run->experiment_id << " " << (experiment ? experiment->name : "") << "\n";
  }
  std::cout << "seed:         " << orUnknown(run->seed) << "\n";
  std::cout << "parameters:   ";
  if (!run->trainable_params && !run->total_params) {
    std::cout << "unknown";
  } else {
    std::cout << orUnknown(run->trainable_params) << " trainable of " << orUnknown(run->total_params);
  }
  if (run->trainable_params && run->total_params && *run->total_params > 0) {
    std::cout << " (" << fixed(100.0 * static_cast<double>(*run->trainable_params) / static_cast<double>(*run->total_params), 4)
              << " %)";
  }
  std::cout << "\n";
  if (run->peak_memory_bytes) {
    std::cout << "peak memory:  " << fixed(static_cast<double>(*run->peak_memory_bytes) / (1 << 20), 1) << " MiB\n";
  }
  std::cout << "code version: " << (run->code_version.empty() ? "unknown" : run->code_version) << "\n";
  std::cout << "created:      " << shortTime(run->created_at) << " UTC\n";
  if (!run->started_at.empty()) std::cout << "started:      " << shortTime(run->started_at) << " UTC\n";
  if (!run->finished_at.empty()) std::cout << "finished:     " << shortTime(run->finished_at) << " UTC\n";
  std::cout << "config:\n" << prettyJson(run->config_json) << "\n";

  const auto summaries = store.metricSummaries(run->id);
  std::cout << "metrics:" << (summaries.empty() ? " none" : "") << "\n";
  std::vector<std::vector<std::string>> metric_rows;
  for (const auto& s : summaries) {
    metric_rows.push_back({"  " + s.split + "/" + s.name, std::to_string(s.points) + (s.points == 1 ? " point" : " points"),
                           "last (step " + std::to_string(s.last_step) + ") " + fixed(s.last_value, 4),
                           "min " + fixed(s.min_value, 4), "max " + fixed(s.max_value, 4)});
  }
  printTable(metric_rows);

  const auto artifacts = store.artifacts(run->id);
  std::cout << "artifacts:" << (artifacts.empty() ? " none" : "") << "\n";
  std::vector<std::vector<std::string>> artifact_rows;
  for (const auto& a : artifacts) {
    const bool present = std::filesystem::exists(store.artifactFile(a));
    artifact_rows.push_back({"  " + store::toString(a.kind), a.path, std::to_string(a.bytes) + " bytes",
                             "sha256 " + a.sha256.substr(0, 12) + (present ? "" : "  (file missing)")});
  }
  printTable(artifact_rows);

  constexpr std::size_t kLastEvents = 10;
  const auto events = store.logEvents(run->id, kLastEvents);
  std::cout << "log" << (events.size() == kLastEvents ? " (last " + std::to_string(kLastEvents) + ")" : "") << ":"
            << (events.empty() ? " empty" : "") << "\n";
  std::vector<std::vector<std::string>> event_rows;
  for (const auto& e : events) event_rows.push_back({"  " + shortTime(e.time), store::toString(e.level), e.message});
  printTable(event_rows);
}

void exportRuns(const std::string& database, const ExportArgs& args) {
  store::ExperimentStore store(existingDatabase(database));
  const auto rows = store::exportCsv(store, kExportKinds.at(args.what), args.runs, args.out);
  std::cerr << "wrote " << rows << (rows == 1 ? " row" : " rows") << " to " << args.out << "\n";
}

}  // namespace

void addStoreCommands(CLI::App& app, const std::string& database) {
  auto* runs_cmd = app.add_subcommand("runs", "Look at stored runs");
  runs_cmd->require_subcommand(1);
  auto* list_cmd = runs_cmd->add_subcommand("list", "Every run: id, name, kind, status, created, final train loss");
  list_cmd->callback([&database] { listRuns(database); });
  auto* show_cmd = runs_cmd->add_subcommand("show", "One run: configuration, status, timings, metrics, artifacts, log");
  auto run_id = std::make_shared<std::int64_t>(0);
  show_cmd->add_option("run", *run_id, "Run id")->required();
  show_cmd->callback([&database, run_id] { showRun(database, *run_id); });

  auto args = std::make_shared<ExportArgs>();
  auto* export_cmd = app.add_subcommand("export", "Write stored runs, metric curves or predictions as CSV");
  export_cmd
      ->add_option("--what", args->what,
                   "runs (one row per run), metrics (every point), predictions (every example), "
                   "comparison (one row per example, a column pair per run)")
      ->required()
      ->check(CLI::IsMember(kExportKinds));
  export_cmd->add_option("--run", args->runs, "Run ids, in column order (default: every run)");
  export_cmd->add_option("--out", args->out, "CSV file to write (replaced whole, or not at all)")->required();
  export_cmd->callback([&database, args] { exportRuns(database, *args); });
}

}  // namespace pwb::cli
